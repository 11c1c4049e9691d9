package io.spikestream.inference.model.head;

import ai.djl.ndarray.NDArray;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;

/**
 * The official {@code mmcv_spike.transformer.MultiheadAttention} wrapper: adds the positional encodings
 * and calls its {@code attn} child ({@link SpikeAttentionBlock}). The residual is added by the layer.
 *
 * <pre>
 *   out = attn(query + queryPos, key + keyPos, value)
 * </pre>
 */
public final class DecoderAttention extends SpikeBlock {

    private final SpikeAttentionBlock attn;

    /**
     * Creates the wrapper.
     *
     * @param dim embedding width C
     * @param heads number of heads
     * @param levels D of the neurons
     * @param shiftInit initial shift of the query/key/value BatchNorms ({@link SpikeAttentionBlock})
     */
    public DecoderAttention(int dim, int heads, int levels, float shiftInit) {
        attn = addChildBlock("attn", new SpikeAttentionBlock(dim, heads, levels, shiftInit));
    }

    /**
     * Attends.
     *
     * @param ctx the pass context
     * @param query {@code (B, Nq, C)}
     * @param key {@code (B, Nk, C)}
     * @param value {@code (B, Nk, C)}
     * @param queryPos added to the query, broadcastable to it
     * @param keyPos added to the key, broadcastable to it
     * @return {@code (B, Nq, C)}
     */
    public NDArray forward(SpikeContext ctx, NDArray query, NDArray key, NDArray value, NDArray queryPos,
            NDArray keyPos) {
        return attn.forward(ctx, query.add(queryPos), key.add(keyPos), value);
    }
}
