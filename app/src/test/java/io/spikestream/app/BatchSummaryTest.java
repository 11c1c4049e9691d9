package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikestream.vision.SegmenterMetrics;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchSummaryTest {

    private static SegmenterMetrics metrics(long frames, long... histogram) {
        long batches = 0;
        for (long n : histogram) {
            batches += n;
        }
        return new SegmenterMetrics(frames, batches, histogram, Map.of(), 0, SegmenterMetrics.StateSize.NONE, 0);
    }

    @Test
    void shouldGiveBatchCountMeanSizeAndTheSizesSeen() {
        assertEquals("batches: 14 (mean size 2.1; size 1: 3, 2: 6, 3: 5)",
                BatchSummary.line(metrics(30, 0, 3, 6, 5, 0)));
    }

    @Test
    void shouldSayNoneBeforeTheFirstBatch() {
        assertEquals("batches: none", BatchSummary.line(metrics(0, 0, 0)));
    }
}
