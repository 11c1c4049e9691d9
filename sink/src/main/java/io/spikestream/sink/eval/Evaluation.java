package io.spikestream.sink.eval;

import io.spikestream.scenes.metrics.ConfusionMatrix;
import io.spikestream.scenes.Cityscapes;

import java.util.Map;
import java.util.TreeMap;

/**
 * Confusion matrices accumulated by the sink: one per camera and their total, over the 19 Cityscapes classes
 * (ground truth 255 ignored). Thread-safe.
 */
public final class Evaluation {

    private final Map<String, ConfusionMatrix> perCamera = new TreeMap<>();
    private final ConfusionMatrix total = new ConfusionMatrix(Cityscapes.NUM_CLASSES);

    /** Adds one frame of {@code cameraId}: ground-truth and predicted trainIds of the same pixels. */
    public synchronized void add(String cameraId, byte[] groundTruth, byte[] prediction) {
        ConfusionMatrix frame = new ConfusionMatrix(Cityscapes.NUM_CLASSES);
        frame.add(groundTruth, prediction);
        perCamera.computeIfAbsent(cameraId, id -> new ConfusionMatrix(Cityscapes.NUM_CLASSES)).merge(frame);
        total.merge(frame);
    }

    /** A consistent copy: per camera (sorted by id) and the total. */
    public synchronized Snapshot snapshot() {
        Map<String, ConfusionMatrix> cameras = new TreeMap<>();
        perCamera.forEach((id, m) -> cameras.put(id, m.copy()));
        return new Snapshot(cameras, total.copy());
    }

    /**
     * The matrices at one moment.
     *
     * @param perCamera matrix per camera id, sorted by id
     * @param total the sum over all cameras
     */
    public record Snapshot(Map<String, ConfusionMatrix> perCamera, ConfusionMatrix total) {
    }
}
