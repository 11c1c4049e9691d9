package io.spikestream.sink.eval;

import io.spikestream.scenes.metrics.ConfusionMatrix;
import io.spikestream.scenes.Cityscapes;

import java.util.DoubleSummaryStatistics;
import java.util.Map;
import java.util.TreeMap;

/**
 * Confusion matrices accumulated by the sink: one per camera and their total, over the 19 Cityscapes classes
 * (ground truth 255 ignored), with the mean recomputed fraction of the evaluated frames (the share of the
 * model's work those scores were obtained with). Thread-safe.
 */
public final class Evaluation {

    private final Map<String, ConfusionMatrix> perCamera = new TreeMap<>();
    private final ConfusionMatrix total = new ConfusionMatrix(Cityscapes.NUM_CLASSES);
    private final Map<String, DoubleSummaryStatistics> recomputedPerCamera = new TreeMap<>();
    private final DoubleSummaryStatistics recomputedTotal = new DoubleSummaryStatistics();

    /**
     * Adds one frame of {@code cameraId}.
     *
     * @param cameraId the camera
     * @param groundTruth ground-truth trainIds
     * @param prediction predicted trainIds of the same pixels
     * @param recomputedFraction share of the model's work recomputed for the prediction, 0..1
     */
    public synchronized void add(String cameraId, byte[] groundTruth, byte[] prediction, double recomputedFraction) {
        ConfusionMatrix frame = new ConfusionMatrix(Cityscapes.NUM_CLASSES);
        frame.add(groundTruth, prediction);
        perCamera.computeIfAbsent(cameraId, id -> new ConfusionMatrix(Cityscapes.NUM_CLASSES)).merge(frame);
        total.merge(frame);
        recomputedPerCamera.computeIfAbsent(cameraId, id -> new DoubleSummaryStatistics()).accept(recomputedFraction);
        recomputedTotal.accept(recomputedFraction);
    }

    /** A consistent copy: per camera (sorted by id) and the total. */
    public synchronized Snapshot snapshot() {
        Map<String, ConfusionMatrix> cameras = new TreeMap<>();
        perCamera.forEach((id, m) -> cameras.put(id, m.copy()));
        Map<String, Double> recomputed = new TreeMap<>();
        recomputedPerCamera.forEach((id, r) -> recomputed.put(id, r.getAverage()));
        return new Snapshot(cameras, total.copy(), recomputed, recomputedTotal.getAverage());
    }

    /**
     * The matrices at one moment.
     *
     * @param perCamera matrix per camera id, sorted by id
     * @param total the sum over all cameras
     * @param meanRecomputedFraction per camera id, the mean recomputed fraction of its evaluated frames
     * @param totalMeanRecomputedFraction the mean recomputed fraction of all evaluated frames (0 when none)
     */
    public record Snapshot(Map<String, ConfusionMatrix> perCamera, ConfusionMatrix total,
            Map<String, Double> meanRecomputedFraction, double totalMeanRecomputedFraction) {
    }
}
