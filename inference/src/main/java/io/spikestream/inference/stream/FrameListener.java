package io.spikestream.inference.stream;

import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.vision.SegmentationOutput;

/**
 * Told of each frame the segmentation processor finishes, as {@link InferenceMetrics} counts it, for meters that
 * need the event (per camera, histograms). Stream threads call it: keep it short and thread-safe.
 */
public interface FrameListener {

    /** Does nothing. */
    FrameListener NONE = new FrameListener() {
        @Override
        public void segmented(String cameraId, SegmentationOutput out, long totalMicros) {}

        @Override
        public void skipped(String cameraId, SkipReason reason) {}
    };

    /**
     * A frame was segmented.
     *
     * @param cameraId its camera
     * @param out its segmentation (batch size, recomputed fraction, firing rate, energy)
     * @param totalMicros time from its arrival at the processor to its finished result
     */
    void segmented(String cameraId, SegmentationOutput out, long totalMicros);

    /**
     * A live frame was skipped instead of segmented.
     *
     * @param cameraId its camera
     * @param reason why
     */
    void skipped(String cameraId, SkipReason reason);
}
