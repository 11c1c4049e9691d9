package io.spikestream.inference.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.StageTimings;
import io.spikestream.vision.RgbImage;
import io.spikestream.vision.SegmentationOutput;
import org.junit.jupiter.api.Test;

class ResultAssemblerTest {

    private static final StageTimings TIMINGS = new StageTimings(1L, 2L, 3L, 4L, 5L, 15L);

    private static DecodedFrame frame(long sequence) {
        Frame frame = TestFrames.frame("cam-1", sequence, 4, 2, new byte[] {1}, ImageEncoding.PNG).build();
        return new DecodedFrame(frame, new RgbImage(4, 2, new byte[4 * 2 * 3]), null);
    }

    private static SegmentationOutput output(boolean carried, double recomputedFraction) {
        return new SegmentationOutput(4, 2, new byte[8], new long[] {8, 0}, carried, recomputedFraction, 1, 0.2,
                1.0, 0, 0, 0, 0);
    }

    @Test
    void shouldCarryRecomputedFractionWhenFrameWasPartlyRecomputed() {
        SegmentationResult result = new ResultAssembler("m@1").build(frame(7), output(true, 0.234), new byte[] {9},
                TIMINGS);

        assertEquals(0.234, result.getRecomputedFraction());
        assertTrue(result.getStateCarried());
        assertEquals(7, result.getSequence());
    }

    @Test
    void shouldReportFullPassWhenFrameWasFullyRecomputed() {
        SegmentationResult result = new ResultAssembler("m@1").build(frame(0), output(false, 1.0), new byte[] {9},
                TIMINGS);

        assertEquals(1.0, result.getRecomputedFraction());
        assertFalse(result.getStateCarried());
    }

    @Test
    void shouldRejectRecomputedFractionWhenOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> output(true, 1.5));
        assertThrows(IllegalArgumentException.class, () -> output(true, Double.NaN));
    }
}
