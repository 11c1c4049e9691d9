package io.spikestream.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmenterMetricsTest {

    @Test
    void shouldPrintTheBatchSizesSeenNotTheArraysIdentity() {
        SegmenterMetrics m = new SegmenterMetrics(7, 4, new long[] {0, 2, 0, 1, 1, 0}, Map.of("NEW_CAMERA", 2L),
                1, new SegmenterMetrics.StateSize(2, 3, 1_500_000, 2_250_000), 0);
        assertEquals("SegmenterMetrics[frames=7, batches=4, batchSizes={1=2, 3=1, 4=1}, resets={NEW_CAMERA=2},"
                + " evictions=1, state=2 cameras (peak 3), 1.5 MB (peak 2.3 MB), failedFrames=0]", m.toString());
    }
}
