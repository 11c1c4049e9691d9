package io.spikestream.training.matcher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.spikestream.training.losses.LossWeights;

/**
 * The cost matrix of the official {@code HungarianAssigner} with {@code ClassificationCost},
 * {@code FocalLossCost(binary_input=True)} and {@code DiceCost(pred_act=True)}
 * ({@code mmdet/models/task_modules/assigners/match_cost.py:217-223, 283-294, 360-395}), for every decoder
 * prediction of one image at once, at mask-prediction resolution ({@code n = h w} pixels):
 *
 * <pre>
 *   p = sigmoid(maskLogits)                                         (L, Q, n)
 *   class = -softmax(cls)[:, :, gtClass]                            (L, Q, G)
 *   pos = -log(p + 1e-12) alpha (1 - p)^gamma;  neg = -log(1 - p + 1e-12) (1 - alpha) p^gamma
 *   focal = (pos · gt^T + neg · (1 - gt)^T) / n
 *   dice = 1 - (2 p · gt^T + eps) / (sum p + sum gt + eps)
 *   cost = wc class + wf focal + wd dice
 * </pre>
 *
 * Inputs are detached; nothing here records gradients.
 */
public final class MaskMatchCost {

    private static final float LOG_EPS = 1e-12f;

    private final LossWeights weights;

    public MaskMatchCost(LossWeights weights) {
        this.weights = weights;
    }

    /**
     * Costs of one image.
     *
     * @param classLogits {@code (L, Q, K + 1)}
     * @param maskLogits {@code (L, Q, h, w)}
     * @param gtClasses class of each target, length G >= 1
     * @param gtMasks binary target masks {@code (G, h w)} at the mask-prediction resolution
     * @return {@code cost[l][q][g]}
     */
    public double[][][] costs(NDArray classLogits, NDArray maskLogits, int[] gtClasses, NDArray gtMasks) {
        Shape s = maskLogits.getShape();
        long layers = s.get(0);
        long queries = s.get(1);
        long n = s.get(2) * s.get(3);
        NDManager m = classLogits.getManager();
        NDArray cls = classLogits.stopGradient();
        NDArray p = Activation.sigmoid(maskLogits.stopGradient().reshape(layers, queries, n));
        NDArray idx = m.create(toLongs(gtClasses)).toDevice(cls.getDevice(), false);
        NDArray classCost = cls.softmax(-1).get(new ai.djl.ndarray.index.NDIndex(":, :, {}", idx)).neg();
        NDArray gtT = gtMasks.transpose();
        double a = weights.focalAlpha();
        float g = (float) weights.focalGamma();
        NDArray pos = p.add(LOG_EPS).log().neg().mul(a).mul(p.neg().add(1f).pow(g));
        // (1 - p) + eps as mmdet's FocalLossCost: 1f + LOG_EPS rounds to 1f, so -p + (1 + eps) is log(0) = -inf
        // wherever sigmoid saturates to 1 (logits above ~17), and inf * 0 in the product below is NaN
        NDArray neg = p.neg().add(1f).add(LOG_EPS).log().neg().mul(1 - a).mul(p.pow(g));
        NDArray focal = pos.matMul(gtT).add(neg.matMul(gtT.neg().add(1f))).div(n);
        float eps = (float) weights.diceEps();
        NDArray numerator = p.matMul(gtT).mul(2f).add(eps);
        NDArray denominator = p.sum(new int[] {2}, true).add(gtMasks.sum(new int[] {1}).reshape(1, 1, -1)).add(eps);
        NDArray dice = numerator.div(denominator).neg().add(1f);
        NDArray cost = classCost.mul(weights.costClass()).add(focal.mul(weights.costFocal()))
                .add(dice.mul(weights.costDice()));
        return unpack(cost.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray(),
                (int) layers, (int) queries, gtClasses.length);
    }

    private static long[] toLongs(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static double[][][] unpack(double[] flat, int layers, int queries, int targets) {
        double[][][] out = new double[layers][queries][targets];
        int i = 0;
        for (int l = 0; l < layers; l++) {
            for (int q = 0; q < queries; q++) {
                for (int t = 0; t < targets; t++) {
                    out[l][q][t] = flat[i++];
                }
            }
        }
        return out;
    }
}
