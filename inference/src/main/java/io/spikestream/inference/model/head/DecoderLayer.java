package io.spikestream.inference.model.head;

import ai.djl.ndarray.NDArray;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;

/**
 * One layer of the spike-driven transformer decoder (SDTD), official {@code DetrTransformerDecoderLayer}:
 * cross-attention, then self-attention, then the FFN, each with a residual; no masked attention, no
 * normalisation, no layer scale.
 *
 * <pre>
 *   q = q + CA(q + qpos, memory + kpos, memory)
 *   q = q + SA(q + qpos, q + qpos, q)
 *   q = q + FFN(q)
 * </pre>
 */
public final class DecoderLayer extends SpikeBlock {

    private final DecoderAttention selfAttn;
    private final DecoderAttention crossAttn;
    private final SpikeFfn ffn;

    /**
     * Initial q/k/v BatchNorm shift of the self-attention. It attends over the queries only (50-100 keys
     * instead of thousands of pixels), so its product of three spike tensors needs denser spikes than the
     * cross-attention's to reach the firing threshold at initialisation (docs/training.md).
     */
    static final float SELF_ATTENTION_SHIFT_INIT = 2f;

    /**
     * Creates the layer.
     *
     * @param dim embedding width C
     * @param heads attention heads
     * @param hidden FFN hidden width
     * @param levels D of the neurons
     */
    public DecoderLayer(int dim, int heads, int hidden, int levels) {
        selfAttn = addChildBlock("self_attn", new DecoderAttention(dim, heads, levels, SELF_ATTENTION_SHIFT_INIT));
        crossAttn = addChildBlock("cross_attn", new DecoderAttention(dim, heads, levels,
                BatchNormLayer.ATTENTION_SHIFT_INIT));
        ffn = addChildBlock("ffn", new SpikeFfn(dim, hidden, levels));
    }

    /**
     * Updates the queries.
     *
     * @param ctx the pass context
     * @param query content queries {@code (B, Q, C)}
     * @param queryPos query positional embedding {@code (Q, C)}
     * @param memory key and value tokens {@code (B, N, C)} (level embedding already added)
     * @param keyPos positional encoding of the keys {@code (N, C)}
     * @return the new queries {@code (B, Q, C)}
     */
    public NDArray forward(SpikeContext ctx, NDArray query, NDArray queryPos, NDArray memory, NDArray keyPos) {
        NDArray q = query.add(crossAttn.forward(ctx, query, memory, memory, queryPos, keyPos));
        q = q.add(selfAttn.forward(ctx, q, q, q, queryPos, queryPos));
        return q.add(ffn.forward(ctx, q));
    }
}
