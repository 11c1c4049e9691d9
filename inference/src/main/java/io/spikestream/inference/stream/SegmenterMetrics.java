package io.spikestream.inference.stream;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of a {@link Segmenter}, a snapshot.
 *
 * @param frames frames segmented
 * @param batches forward passes
 * @param batchSizeHistogram entry n = batches of n frames (entry 0 unused)
 * @param resets fresh starts (key frames, or every frame in per-frame mode) by reason (e.g. NEW_CAMERA, SEQUENCE_GAP, PER_FRAME)
 * @param evictions camera states dropped to stay within the camera limit
 * @param cameras cameras whose state is currently held
 * @param failedFrames frames whose batch failed or that were failed at shutdown
 */
public record SegmenterMetrics(long frames, long batches, long[] batchSizeHistogram, Map<String, Long> resets,
        long evictions, int cameras, long failedFrames) {

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
                + resets + ", evictions=" + evictions + ", cameras=" + cameras + ", failedFrames=" + failedFrames + "]";
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
