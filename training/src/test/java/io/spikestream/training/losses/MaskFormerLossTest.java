package io.spikestream.training.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.training.matcher.MaskMatchCost;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskFormerLossTest {

    private static final int IGN = 255;
    /** 2 x 4 labels: class 0 on 4 pixels, class 1 on 3, one ignored pixel. */
    private static final byte[] LABELS = {0, 0, 1, 1, 0, 0, 1, (byte) IGN};

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double logSoftmax(double[] z, int k) {
        double s = 0;
        for (double v : z) {
            s += Math.exp(v);
        }
        return z[k] - Math.log(s);
    }

    private static double focal(double x, double t) {
        double p = sigmoid(x);
        double bce = -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
        double pt = (1 - p) * t + p * (1 - t);
        return bce * (0.25 * t + 0.75 * (1 - t)) * pt * pt;
    }

    /** Focal over the 8 pixels and dice of a constant logit x against a mask. */
    private static double[] maskTerms(double x, int[] mask) {
        double f = 0;
        double pt = 0;
        double t = 0;
        for (int m : mask) {
            f += focal(x, m);
            pt += sigmoid(x) * m;
            t += m;
        }
        double dice = 1 - (2 * pt + 1) / (sigmoid(x) * mask.length + t + 1);
        return new double[] {f, dice};
    }

    /** Query 0 says class 1 with mask logit 1.0, query 1 says class 0 with mask logit -0.5. */
    private static HeadOutput output(NDManager m, int layers) {
        NDArray cls = m.create(new float[] {0, 3, 0, 3, 0, 0}, new Shape(1, 1, 2, 3));
        NDArray masks = m.create(new float[] {1, 1, -0.5f, -0.5f}, new Shape(1, 1, 2, 1, 2));
        NDArray c = cls;
        NDArray k = masks;
        for (int l = 1; l < layers; l++) {
            c = NDArrays.concat(new ai.djl.ndarray.NDList(c, cls), 1);
            k = NDArrays.concat(new ai.djl.ndarray.NDList(k, masks), 1);
        }
        return new HeadOutput(c, k);
    }

    private static double expectedSingleLayer() {
        double ce = -(logSoftmax(new double[] {0, 3, 0}, 1) + logSoftmax(new double[] {3, 0, 0}, 0)) / 2;
        double[] q0 = maskTerms(1.0, new int[] {0, 0, 1, 1, 0, 0, 1, 0});
        double[] q1 = maskTerms(-0.5, new int[] {1, 1, 0, 0, 1, 1, 0, 0});
        double focal = (q0[0] + q1[0]) / (2 * 8);
        double dice = (q0[1] + q1[1]) / 2;
        return ce + 20 * focal + dice;
    }

    @Test
    void shouldMatchHandComputationWhenOneImageHasTwoClassesAndAnIgnoredPixel() {
        try (NDManager m = NDManager.newBaseManager()) {
            SemanticTargets t = SemanticTargets.of(LABELS, 2, 4, 3, IGN);
            assertArrayEquals(new int[] {0, 1}, t.classes());
            LossParts loss = new MaskFormerLoss(LossWeights.OFFICIAL).compute(output(m, 1), List.of(t));
            assertEquals(expectedSingleLayer(), loss.total().getFloat(), 1e-5);
        }
    }

    @Test
    void shouldSumEveryPredictionWhenDeepSupervisionHasThreeLayers() {
        try (NDManager m = NDManager.newBaseManager()) {
            SemanticTargets t = SemanticTargets.of(LABELS, 2, 4, 3, IGN);
            LossParts loss = new MaskFormerLoss(LossWeights.OFFICIAL).compute(output(m, 3), List.of(t));
            assertEquals(3 * expectedSingleLayer(), loss.total().getFloat(), 1e-4);
            assertEquals(expectedSingleLayer(), loss.lastLayer(), 1e-5);
        }
    }

    @Test
    void shouldWeightNoObjectByATenthWhenQueriesStayUnmatched() {
        try (NDManager m = NDManager.newBaseManager()) {
            byte[] one = {0, 0, 0, 0, 0, 0, 0, 0};
            SemanticTargets t = SemanticTargets.of(one, 2, 4, 3, IGN);
            LossParts loss = new MaskFormerLoss(LossWeights.OFFICIAL).compute(output(m, 1), List.of(t));
            // costs by hand: query 0 = -0.045 + 20 * 0.0057 + 0.145 = 0.21, query 1 = -0.91 + 20 * 0.094 + 0.41
            // = 1.39, so the mask costs make query 0 win; query 1 becomes "no object" (index 2) with weight 0.1
            double ce = -(logSoftmax(new double[] {0, 3, 0}, 0) + 0.1 * logSoftmax(new double[] {3, 0, 0}, 2)) / 1.1;
            assertEquals(ce, loss.classLoss(), 1e-5);
        }
    }

    @Test
    void shouldDownsampleByNearestNeighbourWhenBuildingCostMasks() {
        SemanticTargets t = SemanticTargets.of(LABELS, 2, 4, 3, IGN);
        // rows 0 of 2 -> row 0; columns 0, 2 of 4
        assertArrayEquals(new float[] {1, 0, 0, 1}, t.masks(1, 2), 0f);
    }

    @Test
    void shouldEqualHandCostsWhenMatchingOneQueryAgainstOneMask() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray cls = m.create(new float[] {1, 0, 0}, new Shape(1, 1, 3));
            NDArray masks = m.create(new float[] {2, -1}, new Shape(1, 1, 1, 2));
            NDArray gt = m.create(new float[] {1, 0}, new Shape(1, 2));
            double[][][] c = new MaskMatchCost(LossWeights.OFFICIAL).costs(cls, masks, new int[] {0}, gt);
            double p0 = sigmoid(2);
            double p1 = sigmoid(-1);
            double classCost = -Math.exp(logSoftmax(new double[] {1, 0, 0}, 0));
            double pos0 = -Math.log(p0 + 1e-12) * 0.25 * (1 - p0) * (1 - p0);
            double neg1 = -Math.log(1 - p1 + 1e-12) * 0.75 * p1 * p1;
            double focalCost = (pos0 + neg1) / 2;
            double diceCost = 1 - (2 * p0 + 1) / (p0 + p1 + 1 + 1);
            assertEquals(classCost + 20 * focalCost + diceCost, c[0][0][0], 1e-5);
        }
    }
}
