package io.spikestream.inference.model.head;

import io.spikestream.inference.model.nn.BlockStack;
import io.spikestream.inference.model.nn.SpikeBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The official {@code DetrTransformerDecoder}: only the {@code layers} list (no post-norm is built). The
 * head drives the layers itself, feeding each its memory level.
 */
public final class TransformerDecoder extends SpikeBlock {

    private final BlockStack<DecoderLayer> layers;

    /**
     * Creates the decoder.
     *
     * @param numLayers number of layers
     * @param dim embedding width C
     * @param heads attention heads
     * @param hidden FFN hidden width
     * @param levels D of the neurons
     */
    public TransformerDecoder(int numLayers, int dim, int heads, int hidden, int levels) {
        List<DecoderLayer> list = new ArrayList<>(numLayers);
        for (int i = 0; i < numLayers; i++) {
            list.add(new DecoderLayer(dim, heads, hidden, levels));
        }
        layers = addChildBlock("layers", new BlockStack<>(list));
    }

    /** The layers in order. */
    public List<DecoderLayer> layers() {
        return layers.blocks();
    }
}
