package io.spikestream.training.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.spikestream.training.losses.LossWeights;
import org.junit.jupiter.api.Test;

class MaskMatchCostTest {

    /**
     * Two queries over a 1x4 mask, one target covering the left half. Query 0 predicts it with saturated logits
     * (sigmoid rounds to exactly 0 and 1 in float32), query 1 predicts the opposite half.
     */
    @Test
    void shouldStayFiniteAndPreferTheRightMaskWhenSigmoidSaturates() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray cls = m.zeros(new Shape(1, 2, 3));
            NDArray masks = m.create(new float[] {80, 80, -120, -120, -120, -120, 80, 80}, new Shape(1, 2, 1, 4));
            NDArray gt = m.create(new float[] {1, 1, 0, 0}, new Shape(1, 4));
            double[][][] cost = new MaskMatchCost(LossWeights.OFFICIAL).costs(cls, masks, new int[] {0}, gt);
            double right = cost[0][0][0];
            double wrong = cost[0][1][0];
            assertTrue(Double.isFinite(right) && Double.isFinite(wrong), right + " / " + wrong);
            // class cost -1/3 each; focal 0 vs 20 * 0.5 * -log(1e-12); dice 1 - 5/5 = 0 vs 1 - 1/5
            assertEquals(-1.0 / 3, right, 1e-4);
            assertTrue(wrong > right + 100, right + " / " + wrong);
        }
    }
}
