package io.spikestream.inference.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.Named;
import io.spikestream.inference.model.nn.NiLif;
import io.spikestream.inference.model.nn.Scalars;
import io.spikestream.inference.model.nn.Sequence;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;

/**
 * {@code MS_Attention_RepConv_qkv_id}: softmax-free linear spiking self-attention over the
 * {@code N = H * W} tokens of a {@code (B, C, H, W)} map, with h heads of width {@code d = C / h}:
 *
 * <pre>
 *   s       = SN(x)
 *   Q, K, V = SN(BN(RepConv(s)))  each, split per head into (N, d), channel c = head * d + j
 *   A       = Q (K^T V) * d^-0.5                per head, (N, d)
 *   y       = BN(RepConv(SN(A)))                heads concatenated back to channels
 * </pre>
 *
 * <p>The official reshape chain (flatten, transpose, reshape to heads, permute; then transpose and
 * reshape back) is a proper head split with no row-major quirk. This block computes the same numbers
 * without the transposes, as {@code A^T = (V^T K) Q^T} on the channel-major {@code (B, h, d, N)} views.
 * Spikes are multiples of 1/D, so both products are exact in float32 while their sums stay below 2^24
 * units of 1/D^2 and 1/D^3 (always for the 1/16 maps of the released input sizes with sparse firing);
 * otherwise the results differ from the official order only by float summation order.
 *
 * <p>Children: {@code head_spike, q_conv, k_conv, v_conv, q_spike, k_spike, v_spike, attn_spike,
 * proj_conv}; each {@code *_conv} is {@code Sequential(RepConv, BatchNorm2d)}.
 */
public final class MsAttention extends SpikeBlock implements UnaryBlock, Named {

    private final int heads;
    private final float scale;
    private final NiLif headSpike;
    private final Sequence qConv;
    private final Sequence kConv;
    private final Sequence vConv;
    private final NiLif qSpike;
    private final NiLif kSpike;
    private final NiLif vSpike;
    private final NiLif attnSpike;
    private final Sequence projConv;
    private String path = "attn";

    /**
     * Creates the attention.
     *
     * @param dim channels C
     * @param heads number of heads h, dividing C
     * @param levels D of the neurons
     */
    public MsAttention(int dim, int heads, int levels) {
        if (heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("dim " + dim + " should be divided by num_heads " + heads);
        }
        this.heads = heads;
        this.scale = (float) Math.pow(dim / heads, -0.5);
        headSpike = addChildBlock("head_spike", new NiLif(levels));
        qConv = addChildBlock("q_conv", projection(dim, BatchNormLayer.ATTENTION_SHIFT_INIT));
        kConv = addChildBlock("k_conv", projection(dim, BatchNormLayer.ATTENTION_SHIFT_INIT));
        vConv = addChildBlock("v_conv", projection(dim, BatchNormLayer.ATTENTION_SHIFT_INIT));
        qSpike = addChildBlock("q_spike", new NiLif(levels));
        kSpike = addChildBlock("k_spike", new NiLif(levels));
        vSpike = addChildBlock("v_spike", new NiLif(levels));
        attnSpike = addChildBlock("attn_spike", new NiLif(levels));
        projConv = addChildBlock("proj_conv", projection(dim, 0f));
    }

    private static Sequence projection(int dim, float shift) {
        return new Sequence(new RepConv(dim, dim), new BatchNormLayer(dim, shift));
    }

    @Override
    public void setPath(String path) {
        this.path = path;
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        Shape s = x.getShape();
        NDArray in = headSpike.fire(ctx, x);
        NDArray q = qConv.forward(ctx, in);
        NDArray k = kConv.forward(ctx, in);
        NDArray v = vConv.forward(ctx, in);
        Shape tokens = new Shape(s.get(0), s.get(1), s.get(2) * s.get(3));
        NDArray a = attend(ctx, qSpike.fire(ctx, q).reshape(tokens), kSpike.fire(ctx, k).reshape(tokens),
                vSpike.fire(ctx, v).reshape(tokens));
        return projConv.forward(ctx, attnSpike.fire(ctx, a).reshape(s));
    }

    private NDArray attend(SpikeContext ctx, NDArray q, NDArray k, NDArray v) {
        NDArray out = linearAttention(q, k, v, heads, scale);
        if (ctx.isAccounting()) {
            Shape s = q.getShape();
            long macs = s.get(0) * s.get(1) * (s.get(1) / heads) * s.get(2);
            ctx.account(path + ".k_v", macs, k, true);
            ctx.account(path + ".q_kv", macs, q, true);
        }
        return out;
    }

    /**
     * Per-head {@code Q (K^T V) * scale} in the official channel layout.
     *
     * @param q queries {@code (B, C, N)}
     * @param k keys {@code (B, C, N)}
     * @param v values {@code (B, C, N)}
     * @param heads h, dividing C
     * @param scale the factor applied after the products
     * @return {@code (B, C, N)} with channel {@code head * d + j}
     */
    static NDArray linearAttention(NDArray q, NDArray k, NDArray v, int heads, float scale) {
        Shape s = q.getShape();
        Shape split = new Shape(s.get(0), heads, s.get(1) / heads, s.get(2));
        NDArray vk = v.reshape(split).matMul(k.reshape(split).transpose(0, 1, 3, 2));
        return Scalars.mul(vk.matMul(q.reshape(split)), scale).reshape(s);
    }
}
