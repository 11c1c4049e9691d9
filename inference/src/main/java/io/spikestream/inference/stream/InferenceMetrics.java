package io.spikestream.inference.stream;

import io.spikestream.schemas.deadletter.DeadLetterCounts;
import io.spikestream.schemas.deadletter.Rejection;
import java.util.Map;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the inference stage, updated by every stream thread and the exception handlers; the
 * observability work will export them. Times are in microseconds.
 */
public final class InferenceMetrics {

    private final LongAdder framesIn = new LongAdder();
    private final LongAdder results = new LongAdder();
    private final LongAdder stateCarried = new LongAdder();
    private final DeadLetterCounts deadLetters = new DeadLetterCounts();
    private final LongAdder decodeMicros = new LongAdder();
    private final LongAdder queueWaitMicros = new LongAdder();
    private final LongAdder inferenceMicros = new LongAdder();
    private final LongAdder totalMicros = new LongAdder();
    private final LongAccumulator maxTotalMicros = new LongAccumulator(Math::max, 0);

    void frameIn() {
        framesIn.increment();
    }

    void deadLetter(Rejection rejection) {
        deadLetters.add(rejection);
    }

    void result(boolean carried, long decode, long queueWait, long inference, long total) {
        results.increment();
        if (carried) {
            stateCarried.increment();
        }
        decodeMicros.add(decode);
        queueWaitMicros.add(queueWait);
        inferenceMicros.add(inference);
        totalMicros.add(total);
        maxTotalMicros.accumulate(total);
    }

    /** Frame records the processor received. */
    public long framesIn() {
        return framesIn.sum();
    }

    /** Results forwarded. */
    public long results() {
        return results.sum();
    }

    /** Results whose frame continued its camera's state (delta frames, not key frames). */
    public long stateCarried() {
        return stateCarried.sum();
    }

    /** Dead letters of every kind. */
    public long deadLetters() {
        return deadLetters.total();
    }

    /**
     * Dead letters of one kind.
     *
     * @param rejection the kind
     * @return how many
     */
    public long deadLetters(Rejection rejection) {
        return deadLetters.count(rejection);
    }

    /** Dead letters by kind name, every kind listed. */
    public Map<String, Long> deadLettersByRejection() {
        return deadLetters.byRejection();
    }

    /** The dead-letter counters, for the exception handlers' {@code DeadLetterSink}. */
    public DeadLetterCounts deadLetterCounts() {
        return deadLetters;
    }

    /** Mean image and Avro decoding time per result. */
    public double meanDecodeMicros() {
        return mean(decodeMicros);
    }

    /** Mean wait for a batch per result. */
    public double meanQueueWaitMicros() {
        return mean(queueWaitMicros);
    }

    /** Mean forward-pass time per result (of its batch). */
    public double meanInferenceMicros() {
        return mean(inferenceMicros);
    }

    /** Mean time from arrival at the processor to the finished result. */
    public double meanTotalMicros() {
        return mean(totalMicros);
    }

    /** Longest time from arrival at the processor to the finished result. */
    public long maxTotalMicros() {
        return maxTotalMicros.get();
    }

    private double mean(LongAdder sum) {
        long n = results.sum();
        return n == 0 ? 0 : (double) sum.sum() / n;
    }
}
