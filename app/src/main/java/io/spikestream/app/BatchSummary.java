package io.spikestream.app;

import io.spikestream.vision.SegmenterMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo summary's line on how inference batched frames of different cameras into forward passes, e.g.
 * {@code batches: 14 (mean size 2.1; size 1: 3, 2: 6, 3: 5)}.
 */
final class BatchSummary {

    private BatchSummary() {
    }

    /** The line for {@code metrics}, without a line break. */
    static String line(SegmenterMetrics metrics) {
        if (metrics.batches() == 0) {
            return "batches: none";
        }
        long[] histogram = metrics.batchSizeHistogram();
        List<String> sizes = new ArrayList<>();
        for (int n = 1; n < histogram.length; n++) {
            if (histogram[n] > 0) {
                sizes.add((sizes.isEmpty() ? "size " : "") + n + ": " + histogram[n]);
            }
        }
        return String.format(Locale.ROOT, "batches: %d (mean size %.1f; %s)", metrics.batches(),
                metrics.meanBatchSize(), String.join(", ", sizes));
    }
}
