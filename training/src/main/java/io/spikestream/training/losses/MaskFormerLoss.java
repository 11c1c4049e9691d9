package io.spikestream.training.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.nn.Scalars;
import io.spikestream.inference.model.ops.Bilinear;
import io.spikestream.training.matcher.HungarianMatcher;
import io.spikestream.training.matcher.MaskMatchCost;
import java.util.List;

/**
 * The MaskFormer training loss of the official head ({@code mmdet/models/dense_heads/maskformer_head.py}
 * {@code loss_by_feat} 367-408 and {@code _loss_by_feat_single} 410-496), with deep supervision: every one of
 * the {@code L} decoder predictions is matched and scored on its own and the {@code 3 L} terms are summed.
 *
 * <p>Per prediction, with M = number of targets in the batch (at least 1), Q queries and the Hungarian
 * assignment of {@link MaskMatchCost} (unmatched queries get the "no object" class K):
 *
 * <pre>
 *   CE    = sum_{b,q} w_{y} (-log softmax(cls_{b,q})[y]) / sum_{b,q} w_{y},   w = 1 (classes), 0.1 (no object)
 *   focal = sum over matched masks and pixels of FL(up(m), t) / (M H W)       FL: sigmoid focal, gamma 2, alpha 0.25
 *   dice  = sum over matched masks of 1 - (2 sum p t + 1) / (sum p + sum t + 1) / M,   p = sigmoid(up(m))
 *   loss  = 1 CE + 20 focal + 1 dice
 * </pre>
 *
 * <p>{@code up} is bilinear upsampling (align_corners False) of the 1/2-resolution mask logits to the label
 * size H x W; all pixels count, ignored ones as background (the official behaviour, see
 * {@link SemanticTargets}). The CE denominator gets mmdet's {@code + float32 eps} as {@code weight_reduce_loss}.
 */
public final class MaskFormerLoss {

    private static final float FLOAT_EPS = Math.ulp(1f);

    private final LossWeights weights;
    private final MaskMatchCost matchCost;

    public MaskFormerLoss(LossWeights weights) {
        this.weights = weights;
        this.matchCost = new MaskMatchCost(weights);
    }

    /**
     * Matches and scores a batch.
     *
     * @param out head output with all predictions: class logits {@code (B, L, Q, K + 1)}, mask logits
     *     {@code (B, L, Q, h, w)}
     * @param targets one per image, all at the same size {@code H x W}
     * @return the loss
     */
    public LossParts compute(HeadOutput out, List<SemanticTargets> targets) {
        Shape cs = out.classLogits().getShape();
        Shape ms = out.maskLogits().getShape();
        int batch = (int) cs.get(0);
        int layers = (int) cs.get(1);
        int queries = (int) cs.get(2);
        if (targets.size() != batch) {
            throw new IllegalArgumentException("need one target per image, got " + targets.size() + " for " + batch);
        }
        int[][][] assignment = match(out, targets, (int) ms.get(3), (int) ms.get(4));
        NDArray ce = classLoss(out.classLogits(), targets, assignment, (int) cs.get(3) - 1);
        NDArray[] mask = maskLosses(out.maskLogits(), targets, assignment, layers, queries);
        NDArray perLayer = Scalars.mul(ce, weights.classWeight()).add(Scalars.mul(mask[0], weights.focalWeight()))
                .add(Scalars.mul(mask[1], weights.diceWeight()));
        return new LossParts(perLayer.sum(), ce.sum().getFloat(), mask[0].sum().getFloat(),
                mask[1].sum().getFloat(), perLayer.getFloat(layers - 1));
    }

    /** {@code assignment[b][l][g]} = query matched to target g of image b for prediction l. */
    private int[][][] match(HeadOutput out, List<SemanticTargets> targets, int h, int w) {
        int[][][] result = new int[targets.size()][][];
        NDManager m = out.classLogits().getManager();
        for (int b = 0; b < targets.size(); b++) {
            SemanticTargets t = targets.get(b);
            if (t.count() == 0) {
                result[b] = new int[(int) out.classLogits().getShape().get(1)][0];
                continue;
            }
            NDArray gt = m.create(t.masks(h, w), new Shape(t.count(), (long) h * w))
                    .toDevice(out.classLogits().getDevice(), false);
            double[][][] cost = matchCost.costs(out.classLogits().get(b), out.maskLogits().get(b), t.classes(), gt);
            result[b] = new int[cost.length][];
            for (int l = 0; l < cost.length; l++) {
                result[b][l] = queriesOfTargets(HungarianMatcher.assign(cost[l]), t.count());
            }
        }
        return result;
    }

    private static int[] queriesOfTargets(int[] queryToTarget, int targets) {
        int[] q = new int[targets];
        for (int i = 0; i < queryToTarget.length; i++) {
            if (queryToTarget[i] >= 0) {
                q[queryToTarget[i]] = i;
            }
        }
        return q;
    }

    /** Cross-entropy per prediction {@code (L)}. */
    private NDArray classLoss(NDArray cls, List<SemanticTargets> targets, int[][][] assignment, int noObject) {
        Shape s = cls.getShape();
        int batch = (int) s.get(0);
        int layers = (int) s.get(1);
        int queries = (int) s.get(2);
        int width = noObject + 1;
        float[] weighted = new float[batch * layers * queries * width];
        double avg = 0;
        for (int b = 0; b < batch; b++) {
            int[] labels = new int[queries];
            for (int l = 0; l < layers; l++) {
                java.util.Arrays.fill(labels, noObject);
                for (int g = 0; g < assignment[b][l].length; g++) {
                    labels[assignment[b][l][g]] = targets.get(b).classes()[g];
                }
                for (int q = 0; q < queries; q++) {
                    float wq = (float) (labels[q] == noObject ? weights.noObjectWeight() : 1.0);
                    weighted[((b * layers + l) * queries + q) * width + labels[q]] = wq;
                    avg += l == 0 ? wq : 0;
                }
            }
        }
        NDArray target = cls.getManager().create(weighted, s).toDevice(cls.getDevice(), false);
        NDArray nll = cls.logSoftmax(-1).mul(target).neg();
        return Scalars.div(nll.sum(new int[] {0, 2, 3}), (float) avg + FLOAT_EPS);
    }

    /** Focal and dice per prediction, each {@code (L)}. */
    private NDArray[] maskLosses(NDArray maskLogits, List<SemanticTargets> targets, int[][][] assignment,
            int layers, int queries) {
        int height = targets.get(0).height();
        int width = targets.get(0).width();
        int total = 0;
        for (SemanticTargets t : targets) {
            total += t.count();
            if (t.height() != height || t.width() != width) {
                throw new IllegalArgumentException("all label maps of a batch must have the same size");
            }
        }
        NDManager m = maskLogits.getManager();
        if (total == 0) {
            NDArray zero = Scalars.mul(maskLogits.sum(new int[] {0, 2, 3, 4}), 0);
            return new NDArray[] {zero, zero};
        }
        Shape s = maskLogits.getShape();
        long[] index = new long[layers * total];
        int i = 0;
        for (int l = 0; l < layers; l++) {
            for (int b = 0; b < targets.size(); b++) {
                for (int q : assignment[b][l]) {
                    index[i++] = ((long) b * layers + l) * queries + q;
                }
            }
        }
        NDArray idx = m.create(index).toDevice(maskLogits.getDevice(), false);
        NDArray picked = maskLogits.reshape(-1, s.get(3), s.get(4)).get(new NDIndex("{}", idx));
        NDArray logits = Bilinear.resize(picked, height, width).reshape(layers, total, (long) height * width);
        NDArray t = m.create(concatMasks(targets, total, height * width), new Shape(1, total, (long) height * width))
                .toDevice(maskLogits.getDevice(), false);
        NDArray focal = Scalars.div(focal(logits, t).sum(new int[] {1, 2}), (double) total * height * width);
        NDArray dice = Scalars.div(dice(Activation.sigmoid(logits), t).sum(new int[] {1}), total);
        return new NDArray[] {focal, dice};
    }

    private static float[] concatMasks(List<SemanticTargets> targets, int total, int plane) {
        float[] all = new float[total * plane];
        int offset = 0;
        for (SemanticTargets t : targets) {
            float[] masks = t.masks();
            System.arraycopy(masks, 0, all, offset, masks.length);
            offset += masks.length;
        }
        return all;
    }

    /**
     * Element-wise sigmoid focal loss of mmdet's {@code py_sigmoid_focal_loss} ({@code focal_loss.py:12-58}).
     *
     * @param x logits
     * @param t binary targets, broadcastable to x
     * @return {@code BCEWithLogits(x, t) (alpha t + (1 - alpha)(1 - t)) pt^gamma}, {@code pt = (1 - p) t + p (1 - t)}
     */
    public NDArray focal(NDArray x, NDArray t) {
        float alpha = (float) weights.focalAlpha();
        NDArray p = Activation.sigmoid(x);
        NDArray oneMinusT = t.neg().add(1f);
        NDArray bce = Activation.relu(x).sub(x.mul(t)).add(x.abs().neg().exp().add(1f).log());
        NDArray pt = p.neg().add(1f).mul(t).add(p.mul(oneMinusT));
        NDArray weight = Scalars.mul(t, alpha).add(Scalars.mul(oneMinusT, 1f - alpha))
                .mul(Scalars.pow(pt, weights.focalGamma()));
        return bce.mul(weight);
    }

    /**
     * Naive dice loss per mask (mmdet {@code dice_loss}, {@code naive_dice=True}, {@code dice_loss.py:44-57}).
     *
     * @param p probabilities {@code (..., N, P)}
     * @param t binary targets broadcastable to p
     * @return {@code 1 - (2 sum p t + eps) / (sum p + sum t + eps)} over the last axis, {@code (..., N)}
     */
    public NDArray dice(NDArray p, NDArray t) {
        float eps = (float) weights.diceEps();
        NDArray numerator = Scalars.mul(p.mul(t).sum(new int[] {-1}), 2).add(eps);
        NDArray denominator = p.sum(new int[] {-1}).add(t.sum(new int[] {-1})).add(eps);
        return numerator.div(denominator).neg().add(1f);
    }
}
