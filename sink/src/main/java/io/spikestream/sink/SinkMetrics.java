package io.spikestream.sink;

import io.spikestream.schemas.SkipCounts;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.schemas.deadletter.DeadLetterCounts;
import io.spikestream.schemas.deadletter.Rejection;
import io.spikestream.sink.replay.OutputConflictException;
import io.spikestream.sink.stats.LatencyHistogram;
import io.spikestream.sink.stats.RecomputeTally;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ObjDoubleConsumer;

/**
 * Counters of the sink for operators and the demo summary. Thread-safe.
 *
 * <p>{@code resultsWritten}: results whose mask and CSV row were written; {@code resultsSkipped}: results of
 * live frames inference skipped (CSV row written, no mask, overlay or evaluation; not in the latency or the
 * recompute tallies), by {@link SkipReason}; {@code overlaysWritten}: overlay
 * images written; {@code framesWithoutResult}: frames whose join window closed without a result;
 * {@code deadLetters}: records sent to the result dead-letter topic, by {@link Rejection} (undecodable or
 * invalid results, and records Kafka could not deserialize); {@code badFrames}: frames whose image could not
 * be decoded (overlay or evaluation skipped; the frame's result is written); {@code framesEvaluated}: frames added to the confusion matrices; files per camera:
 * masks plus overlays written per camera id; latency: end-to-end latency (sink clock minus capture time);
 * recompute: the share of the model's work recomputed and the forward time, of full passes and of frames that
 * carried membrane state, over all written results and per camera; {@code writeErrors}: writes to the output folder
 * that failed (the task then stops), not counting a refused conflicting frame. The stage's meters read these
 * counters.
 */
public final class SinkMetrics {

    private static final ObjDoubleConsumer<String> NO_LISTENER = (camera, latency) -> { };

    private final AtomicLong resultsWritten = new AtomicLong();
    private final AtomicLong overlaysWritten = new AtomicLong();
    private final AtomicLong framesWithoutResult = new AtomicLong();
    private final DeadLetterCounts deadLetters = new DeadLetterCounts();
    private final AtomicLong badFrames = new AtomicLong();
    private final AtomicLong framesEvaluated = new AtomicLong();
    private final AtomicLong resultsReplayed = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private final SkipCounts skipped = new SkipCounts();
    private final Map<String, AtomicLong> filesPerCamera = new ConcurrentHashMap<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final RecomputeTally recompute = new RecomputeTally();
    private final Map<String, RecomputeTally> recomputePerCamera = new TreeMap<>();
    private volatile ObjDoubleConsumer<String> resultListener = NO_LISTENER;

    /** Results whose mask and CSV row were written. */
    public long resultsWritten() {
        return resultsWritten.get();
    }

    /** Results of live frames inference skipped whose CSV row was written (no mask, not in resultsWritten). */
    public long resultsSkipped() {
        return skipped.total();
    }

    /**
     * Results of skipped frames of one reason.
     *
     * @param reason why inference skipped them
     * @return how many
     */
    public long resultsSkipped(SkipReason reason) {
        return skipped.count(reason);
    }

    /** Results of skipped frames by reason name, every reason listed. */
    public Map<String, Long> skippedByReason() {
        return skipped.byReason();
    }

    /** Overlay images written. */
    public long overlaysWritten() {
        return overlaysWritten.get();
    }

    /** Frames whose join window closed without a result. */
    public long framesWithoutResult() {
        return framesWithoutResult.get();
    }

    /** Records sent to the result dead-letter topic, of every kind. */
    public long deadLetters() {
        return deadLetters.total();
    }

    /**
     * Records sent to the result dead-letter topic of one kind.
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

    /** The dead-letter counters, for the deserialization handler's {@code DeadLetterSink}. */
    public DeadLetterCounts deadLetterCounts() {
        return deadLetters;
    }

    /** Frames whose image or ground truth was unreadable (overlay or evaluation skipped). */
    public long badFrames() {
        return badFrames.get();
    }

    /** Frames added to the confusion matrices. */
    public long framesEvaluated() {
        return framesEvaluated.get();
    }

    /** Mask and overlay files written per camera id, sorted by id. */
    public Map<String, Long> filesPerCamera() {
        Map<String, Long> copy = new TreeMap<>();
        filesPerCamera.forEach((id, n) -> copy.put(id, n.get()));
        return copy;
    }

    /** A copy of the end-to-end latency histogram (use {@code quantile(0.5)}, {@code quantile(0.99)}). */
    public synchronized LatencyHistogram latency() {
        return latency.copy();
    }

    /** End-to-end latency quantile {@code q} in ms, NaN before the first result. */
    public double latencyQuantile(double q) {
        return latency().quantile(q);
    }

    /**
     * Results whose frame the output held already (replays after a restart, or a result sent twice): written
     * and counted once, so not in {@link #resultsWritten()}.
     */
    public long resultsReplayed() {
        return resultsReplayed.get();
    }

    /** Writes to the output folder that failed (I/O errors), not counting a refused conflicting frame. */
    public long writeErrors() {
        return writeErrors.get();
    }

    /** A copy of the recompute tally over every written result. */
    public synchronized RecomputeTally recompute() {
        return recompute.copy();
    }

    /** Copies of the recompute tallies per camera id, sorted by id. */
    public synchronized Map<String, RecomputeTally> recomputePerCamera() {
        Map<String, RecomputeTally> copy = new TreeMap<>();
        recomputePerCamera.forEach((id, tally) -> copy.put(id, tally.copy()));
        return copy;
    }

    void resultWritten(SegmentationResult result, double latencyMillis) {
        resultsWritten.incrementAndGet();
        fileWritten(result.getCameraId());
        synchronized (this) {
            latency.record(latencyMillis);
            recompute.add(result);
            recomputePerCamera.computeIfAbsent(result.getCameraId(), id -> new RecomputeTally()).add(result);
        }
        resultListener.accept(result.getCameraId(), latencyMillis);
    }

    /** Sets what is told of each written result (camera id, end-to-end latency in ms) from now on; once. */
    synchronized void onResultWritten(ObjDoubleConsumer<String> listener) {
        if (resultListener != NO_LISTENER) {
            throw new IllegalStateException("The sink metrics have a result listener already");
        }
        resultListener = listener;
    }

    /** Counts a failed write, unless it is the refusal of a conflicting frame (nothing was written). */
    void writeFailed(IOException e) {
        if (!(e instanceof OutputConflictException)) {
            writeErrors.incrementAndGet();
        }
    }

    void resultSkipped(SkipReason reason) {
        skipped.add(reason);
    }

    void resultReplayed() {
        resultsReplayed.incrementAndGet();
    }

    void overlayWritten(String cameraId) {
        overlaysWritten.incrementAndGet();
        fileWritten(cameraId);
    }

    void frameWithoutResult() {
        framesWithoutResult.incrementAndGet();
    }

    void deadLetter(Rejection rejection) {
        deadLetters.add(rejection);
    }

    void badFrame() {
        badFrames.incrementAndGet();
    }

    void frameEvaluated() {
        framesEvaluated.incrementAndGet();
    }

    private void fileWritten(String cameraId) {
        filesPerCamera.computeIfAbsent(cameraId, id -> new AtomicLong()).incrementAndGet();
    }
}
