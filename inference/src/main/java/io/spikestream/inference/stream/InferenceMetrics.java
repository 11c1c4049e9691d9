package io.spikestream.inference.stream;

import io.spikestream.schemas.SkipCounts;
import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.schemas.avro.StageTimings;
import io.spikestream.schemas.deadletter.DeadLetterCounts;
import io.spikestream.schemas.deadletter.Rejection;
import io.spikestream.vision.SegmentationOutput;
import java.util.Map;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the inference stage, updated by every stream thread and the exception handlers; the stage's meters
 * read them, and a {@link FrameListener} is told of each segmented or skipped frame. Each frame received is
 * segmented, skipped or dead-lettered, so {@code framesIn() == results() + skipped() + dead letters of the frames}.
 * Times are in microseconds and cover segmented frames only.
 */
public final class InferenceMetrics {

    private final LongAdder framesIn = new LongAdder();
    private final LongAdder results = new LongAdder();
    private final LongAdder stateCarried = new LongAdder();
    private final SkipCounts skipped = new SkipCounts();
    private final DeadLetterCounts deadLetters = new DeadLetterCounts();
    private final LongAdder decodeMicros = new LongAdder();
    private final LongAdder queueWaitMicros = new LongAdder();
    private final LongAdder inferenceMicros = new LongAdder();
    private final LongAdder totalMicros = new LongAdder();
    private final LongAccumulator maxTotalMicros = new LongAccumulator(Math::max, 0);
    private volatile FrameListener listener = FrameListener.NONE;

    /**
     * Sets the listener told of each segmented and skipped frame from now on; once.
     *
     * @param frameListener the listener
     * @throws IllegalStateException when a listener is set already
     */
    public synchronized void setListener(FrameListener frameListener) {
        if (listener != FrameListener.NONE) {
            throw new IllegalStateException("The inference metrics have a frame listener already");
        }
        listener = frameListener;
    }

    void frameIn() {
        framesIn.increment();
    }

    void deadLetter(Rejection rejection) {
        deadLetters.add(rejection);
    }

    void skip(String cameraId, SkipReason reason) {
        skipped.add(reason);
        listener.skipped(cameraId, reason);
    }

    void result(String cameraId, SegmentationOutput out, StageTimings timings) {
        results.increment();
        if (out.stateCarried()) {
            stateCarried.increment();
        }
        decodeMicros.add(timings.getDecodeMicros());
        queueWaitMicros.add(timings.getQueueWaitMicros());
        inferenceMicros.add(timings.getInferenceMicros());
        totalMicros.add(timings.getTotalMicros());
        maxTotalMicros.accumulate(timings.getTotalMicros());
        listener.segmented(cameraId, out, timings.getTotalMicros());
    }

    /** Frame records the processor received. */
    public long framesIn() {
        return framesIn.sum();
    }

    /** Frames segmented: results with a mask. */
    public long results() {
        return results.sum();
    }

    /** Live frames skipped instead of segmented (a result with {@code skipped} set), every reason. */
    public long skipped() {
        return skipped.total();
    }

    /**
     * Live frames skipped for one reason.
     *
     * @param reason the reason
     * @return how many
     */
    public long skipped(SkipReason reason) {
        return skipped.count(reason);
    }

    /** Skipped frames by reason name, every reason listed. */
    public Map<String, Long> skippedByReason() {
        return skipped.byReason();
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

    /** One line for logs: frames in, segmented, skipped by reason, dead letters. */
    @Override
    public String toString() {
        return "frames in " + framesIn() + ", segmented " + results() + ", skipped " + skipped() + " "
                + skippedByReason() + ", dead letters " + deadLetters();
    }

    private double mean(LongAdder sum) {
        long n = results.sum();
        return n == 0 ? 0 : (double) sum.sum() / n;
    }
}
