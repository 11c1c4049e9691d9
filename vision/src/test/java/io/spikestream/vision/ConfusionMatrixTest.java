package io.spikestream.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /**
     * Hand-made case over 5 classes (class 3 predicted but never in GT, class 4 nowhere):
     * gt   0 0 0 1 1 2 2 2 255 1
     * pred 0 0 1 1 2 2 2 3  0  255
     * counts: [0][0]=2 [0][1]=1 [1][1]=1 [1][2]=1 [2][2]=2 [2][3]=1, class 1 has one pixel predicted 255.
     * IoU0 = 2/(2+0+1) ; IoU1 = 1/(1+1+2) ; IoU2 = 2/(2+1+1) ; IoU3 = 0/(0+1+0) = 0 ; IoU4 = NaN (0/0).
     */
    @Test
    void shouldMatchHandComputedIouWhenClassesAreMissingAndPixelsIgnored() {
        ConfusionMatrix m = new ConfusionMatrix(5, 255)
                .add(bytes(0, 0, 0, 1, 1, 2, 2, 2, 255, 1), bytes(0, 0, 1, 1, 2, 2, 2, 3, 0, 255));
        double[] iou = m.iou();
        assertEquals(2 / 3.0, iou[0], 1e-12);
        assertEquals(1 / 4.0, iou[1], 1e-12);
        assertEquals(2 / 4.0, iou[2], 1e-12);
        assertEquals(0.0, iou[3], 0.0);
        assertTrue(Double.isNaN(iou[4]));
        assertEquals((2 / 3.0 + 1 / 4.0 + 2 / 4.0 + 0.0) / 4, m.meanIoU(), 1e-12);
        assertEquals(5 / 9.0, m.pixelAccuracy(), 1e-12);
        assertEquals(1, m.count(2, 3));
        assertEquals(3, m.groundTruthPixels(1));
    }

    @Test
    void shouldEqualOneBigImageWhenMergingTwoHalves() {
        byte[] gt = bytes(0, 1, 1, 2, 0, 2);
        byte[] pred = bytes(0, 1, 0, 2, 2, 2);
        ConfusionMatrix whole = new ConfusionMatrix(3, 255).add(gt, pred);
        ConfusionMatrix a = new ConfusionMatrix(3, 255).add(bytes(0, 1, 1), bytes(0, 1, 0));
        ConfusionMatrix b = new ConfusionMatrix(3, 255).add(bytes(2, 0, 2), bytes(2, 2, 2));
        assertEquals(whole.meanIoU(), a.merge(b).meanIoU(), 1e-12);
        assertTrue(a.table(k -> "c" + k).contains("mIoU"));
    }

    @Test
    void shouldRejectUnknownGroundTruthLabelWhenAdding() {
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrix(3, 255).add(bytes(7), bytes(0)));
    }
}
