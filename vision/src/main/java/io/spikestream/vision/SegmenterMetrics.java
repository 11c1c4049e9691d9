package io.spikestream.vision;

import io.spikestream.vision.Segmenter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counters of a {@link Segmenter}, a snapshot.
 *
 * @param frames frames segmented
 * @param batches forward passes
 * @param batchSizeHistogram entry n = batches of n frames (entry 0 unused)
 * @param resets fresh starts (key frames, or every frame in per-frame mode) by reason (e.g. NEW_CAMERA, SEQUENCE_REPLAY, PER_FRAME)
 * @param evictions camera states dropped to stay within the camera limit
 * @param state the per-camera state held now and at most
 * @param failedFrames frames whose batch failed or that were failed at shutdown
 */
public record SegmenterMetrics(long frames, long batches, long[] batchSizeHistogram, Map<String, Long> resets,
        long evictions, StateSize state, long failedFrames) {

    /**
     * The per-camera state held between frames (device memory in delta mode; nothing in reset mode), measured
     * after each frame's state is stored and the least recently seen cameras beyond the limit are evicted.
     *
     * @param cameras cameras whose state is held now
     * @param peakCameras most cameras held at once
     * @param bytes bytes of the held states now
     * @param peakBytes most bytes held at once
     */
    public record StateSize(int cameras, int peakCameras, long bytes, long peakBytes) {

        /** Nothing held. */
        public static final StateSize NONE = new StateSize(0, 0, 0, 0);

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d cameras (peak %d), %.1f MB (peak %.1f MB)", cameras, peakCameras,
                    bytes / 1e6, peakBytes / 1e6);
        }
    }

    /** Cameras whose state is held now. */
    public int cameras() {
        return state.cameras();
    }

    /** Mean frames per forward pass, 0 before the first batch. */
    public double meanBatchSize() {
        return batches == 0 ? 0 : (double) frames / batches;
    }

    /**
     * Readable in logs: the batch-size histogram as {@code {size=batches, ...}} over the sizes seen (a record would
     * print the array's identity).
     */
    @Override
    public String toString() {
        Map<Integer, Long> sizes = new LinkedHashMap<>();
        for (int n = 1; n < batchSizeHistogram.length; n++) {
            if (batchSizeHistogram[n] > 0) {
                sizes.put(n, batchSizeHistogram[n]);
            }
        }
        return "SegmenterMetrics[frames=" + frames + ", batches=" + batches + ", batchSizes=" + sizes + ", resets="
                + resets + ", evictions=" + evictions + ", state=" + state + ", failedFrames=" + failedFrames + "]";
    }

    /** Largest batch seen, 0 before the first batch. */
    public int maxBatchSize() {
        for (int n = batchSizeHistogram.length - 1; n > 0; n--) {
            if (batchSizeHistogram[n] > 0) {
                return n;
            }
        }
        return 0;
    }
}
