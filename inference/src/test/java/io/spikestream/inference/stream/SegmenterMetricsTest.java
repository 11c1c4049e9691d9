package io.spikestream.inference.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmenterMetricsTest {

    @Test
    void shouldPrintTheBatchSizesSeenNotTheArraysIdentity() {
        SegmenterMetrics m = new SegmenterMetrics(7, 4, new long[] {0, 2, 0, 1, 1, 0}, Map.of("NEW_CAMERA", 2L),
                0, 2, 0);
        assertEquals("SegmenterMetrics[frames=7, batches=4, batchSizes={1=2, 3=1, 4=1}, resets={NEW_CAMERA=2},"
                + " evictions=0, cameras=2, failedFrames=0]", m.toString());
    }
}
