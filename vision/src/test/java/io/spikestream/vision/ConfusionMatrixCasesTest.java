package io.spikestream.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionMatrixCasesTest {

    private static final byte X = (byte) 255;
    // pixel:            0  1  2  3  4  5  6  7  8  9
    private static final byte[] GT = {0, 0, 0, 1, 1, 2, X, X, 0, 1};
    private static final byte[] PRED = {0, 0, 1, 1, 0, 2, 1, 2, X, 1};

    @Test
    void shouldMatchHandCountedMatrixWhenIgnoreAndNoClassPixelsArePresent() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(GT, PRED);
        // gt 255 (pixels 6, 7) skipped; pred 255 (pixel 8) goes to the extra column.
        long[][] expected = {{2, 1, 0, 1}, {1, 2, 0, 0}, {0, 0, 1, 0}};
        for (int g = 0; g < 3; g++) {
            assertArrayEquals(expected[g], m.counts()[g]);
        }
        assertEquals(8, m.pixels());
        assertEquals(5.0 / 8, m.pixelAccuracy(), 1e-12);
    }

    @Test
    void shouldComputeIouByHandWhenEveryClassOccurs() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(GT, PRED);
        // class 0: TP 2, FN 2 (pixel 2 -> 1, pixel 8 -> none), FP 1 (pixel 4) -> 2/5
        // class 1: TP 2, FN 1 (pixel 4), FP 1 (pixel 2) -> 2/4
        // class 2: TP 1, pixel 7 predicts 2 on ignored ground truth: not a FP -> 1
        assertArrayEquals(new double[] {0.4, 0.5, 1.0}, m.iou(), 1e-12);
        assertEquals((0.4 + 0.5 + 1.0) / 3, m.meanIoU(), 1e-12);
    }

    @Test
    void shouldExcludeClassFromMeanWhenAbsentFromGroundTruthAndPrediction() {
        ConfusionMatrix m = new ConfusionMatrix(5);
        m.add(GT, PRED);
        double[] iou = m.iou();
        assertTrue(Double.isNaN(iou[3]) && Double.isNaN(iou[4]));
        assertEquals((0.4 + 0.5 + 1.0) / 3, m.meanIoU(), 1e-12);
    }

    @Test
    void shouldCountClassWithZeroIouWhenOnlyPredicted() {
        ConfusionMatrix m = new ConfusionMatrix(4);
        m.add(new byte[] {0, 0}, new byte[] {0, 3});
        // class 0: TP 1, FN 1 -> 0.5; class 3: TP 0, FP 1 -> 0; classes 1, 2 absent -> NaN
        assertEquals(0.0, m.iou()[3]);
        assertEquals(0.25, m.meanIoU(), 1e-12);
    }

    @Test
    void shouldReturnNanWhenNothingWasEvaluated() {
        ConfusionMatrix m = new ConfusionMatrix(19);
        m.add(new byte[] {X, X}, new byte[] {1, 2});
        assertTrue(Double.isNaN(m.meanIoU()));
        assertTrue(Double.isNaN(m.pixelAccuracy()));
    }

    @Test
    void shouldEqualOneMatrixOverBothFramesWhenMerged() {
        ConfusionMatrix a = new ConfusionMatrix(3);
        a.add(GT, PRED);
        ConfusionMatrix b = new ConfusionMatrix(3);
        b.add(PRED.clone(), GT.clone());
        ConfusionMatrix both = new ConfusionMatrix(3);
        both.add(GT, PRED);
        both.add(PRED.clone(), GT.clone());
        a.merge(b);
        assertArrayEquals(both.iou(), a.iou(), 1e-12);
        assertEquals(2, a.frames());
    }

    @Test
    void shouldRejectFramesWhenSizesDiffer() {
        ConfusionMatrix m = new ConfusionMatrix(3);
        assertThrows(IllegalArgumentException.class, () -> m.add(new byte[3], new byte[4]));
    }
}
