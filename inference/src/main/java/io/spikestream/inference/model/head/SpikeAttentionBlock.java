package io.spikestream.inference.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.Conv1dLayer;
import io.spikestream.inference.model.nn.Named;
import io.spikestream.inference.model.nn.NiLif;
import io.spikestream.inference.model.nn.Scalars;
import io.spikestream.inference.model.nn.Sequence;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;

/**
 * The spike-driven attention of the transformer decoder: the official {@code MultiHeadAttentionBlock}
 * (self-attention, {@code attn_type='SA'}) and {@code CrossMultiHeadAttentionBlock} ({@code 'CA'}), which
 * are identical modules.
 *
 * <pre>
 *   Q = SN(BN(Conv1d(SN(query))))     K, V likewise from key and value   (B, N, C)
 *   A_h = Q_h K_hᵀ / sqrt(C)          no softmax; divisor sqrt(C), not sqrt(C / heads)
 *   out = BN(Conv1d(SN(concat_h(A_h V_h))))                               (B, Nq, C)
 * </pre>
 *
 * <p>Head h takes channels {@code [h C/heads, (h+1) C/heads)} and the concatenation puts them back there.
 * Without a softmax, {@code (Q Kᵀ) V = Q (Kᵀ V)}; this block evaluates the right-hand side, which needs
 * {@code C/heads x C/heads} per head instead of {@code Nq x Nk} (16384 keys at 1/4 of a 512 input) and, for
 * spike inputs, computes {@code Kᵀ V} exactly in float32. Accounting reports the official order's cost.
 */
public final class SpikeAttentionBlock extends SpikeBlock implements Named {

    private final int dim;
    private final int heads;
    private final NiLif qConvSpike;
    private final Sequence qConv;
    private final NiLif kConvSpike;
    private final Sequence kConv;
    private final NiLif vConvSpike;
    private final Sequence vConv;
    private final NiLif qSpike;
    private final NiLif kSpike;
    private final NiLif vSpike;
    private final NiLif attnSpike;
    private final Sequence outConv;
    private String path = "attn";

    /**
     * Creates the block.
     *
     * @param dim embedding width C
     * @param heads number of heads; must divide C
     * @param levels D of the neurons
     */
    public SpikeAttentionBlock(int dim, int heads, int levels) {
        this(dim, heads, levels, BatchNormLayer.ATTENTION_SHIFT_INIT);
    }

    /**
     * Creates the block with a chosen initial shift of the query, key and value BatchNorms, so that the
     * attention neuron fires at initialisation ({@link BatchNormLayer#ATTENTION_SHIFT_INIT}).
     *
     * @param dim embedding width C
     * @param heads number of heads; must divide C
     * @param levels D of the neurons
     * @param shiftInit initial {@code bias} of the q/k/v BatchNorms
     */
    public SpikeAttentionBlock(int dim, int heads, int levels, float shiftInit) {
        if (heads <= 0 || dim % heads != 0) {
            throw new IllegalArgumentException("Attention width " + dim + " must be divisible by heads=" + heads);
        }
        this.dim = dim;
        this.heads = heads;
        qConvSpike = addChildBlock("q_conv_spike", new NiLif(levels));
        qConv = addChildBlock("q_conv", projection(dim, shiftInit));
        kConvSpike = addChildBlock("k_conv_spike", new NiLif(levels));
        kConv = addChildBlock("k_conv", projection(dim, shiftInit));
        vConvSpike = addChildBlock("v_conv_spike", new NiLif(levels));
        vConv = addChildBlock("v_conv", projection(dim, shiftInit));
        qSpike = addChildBlock("q_spike", new NiLif(levels));
        kSpike = addChildBlock("k_spike", new NiLif(levels));
        vSpike = addChildBlock("v_spike", new NiLif(levels));
        attnSpike = addChildBlock("attn_spike", new NiLif(levels));
        outConv = addChildBlock("out_conv", projection(dim, 0f));
    }

    private static Sequence projection(int dim, float shift) {
        return new Sequence(new Conv1dLayer(dim, dim, true, true), new BatchNormLayer(dim, shift));
    }

    @Override
    public void setPath(String path) {
        this.path = path;
    }

    /**
     * Attends.
     *
     * @param ctx the pass context
     * @param query {@code (B, Nq, C)}, real-valued
     * @param key {@code (B, Nk, C)}, real-valued
     * @param value {@code (B, Nk, C)}, real-valued
     * @return {@code (B, Nq, C)}, real-valued (BN output)
     */
    public NDArray forward(SpikeContext ctx, NDArray query, NDArray key, NDArray value) {
        NDArray q = project(ctx, qConvSpike, qConv, qSpike, query);
        NDArray k = project(ctx, kConvSpike, kConv, kSpike, key);
        NDArray v = project(ctx, vConvSpike, vConv, vSpike, value);
        account(ctx, q, k, v);
        NDArray mixed = attend(q, k, v, heads, (float) Math.sqrt(dim));
        return tokenConv(ctx, outConv, attnSpike.fire(ctx, mixed));
    }

    private static NDArray project(SpikeContext ctx, NiLif in, Sequence conv, NiLif out, NDArray x) {
        return out.fire(ctx, tokenConv(ctx, conv, in.fire(ctx, x)));
    }

    /** Applies a channel conv to tokens: {@code (B, N, C) -> (B, C, N) -> conv -> (B, N, C)}. */
    static NDArray tokenConv(SpikeContext ctx, Sequence conv, NDArray tokens) {
        return conv.forward(ctx, tokens.transpose(0, 2, 1)).transpose(0, 2, 1);
    }

    private void account(SpikeContext ctx, NDArray q, NDArray k, NDArray v) {
        if (ctx.isAccounting()) {
            Shape qs = q.getShape();
            long macs = qs.get(0) * qs.get(1) * k.getShape().get(1) * (long) dim;
            ctx.account(path + ".qk", macs, q, true);
            ctx.account(path + ".scores_v", macs, v, true);
        }
    }

    /**
     * Multi-head attention without softmax, {@code concat_h(Q_h K_hᵀ V_h) / scale}.
     *
     * @param q {@code (B, Nq, C)}
     * @param k {@code (B, Nk, C)}
     * @param v {@code (B, Nk, C)}
     * @param heads number of heads (splits C into contiguous chunks)
     * @param scale the divisor of the scores
     * @return {@code (B, Nq, C)}, head h in channels {@code [h C/heads, (h+1) C/heads)}
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, int heads, float scale) {
        Shape s = q.getShape();
        NDArray kv = splitHeads(k, heads).transpose(0, 1, 3, 2).matMul(splitHeads(v, heads));
        NDArray out = Scalars.div(splitHeads(q, heads).matMul(kv), scale);
        return out.transpose(0, 2, 1, 3).reshape(s);
    }

    /** {@code (B, N, C) -> (B, heads, N, C / heads)}. */
    private static NDArray splitHeads(NDArray x, int heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }
}
