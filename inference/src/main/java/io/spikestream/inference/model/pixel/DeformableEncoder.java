package io.spikestream.inference.model.pixel;

import ai.djl.ndarray.NDArray;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.nn.BlockStack;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The SDTE stack, official {@code DCNDetrTransformerEncoder}: {@code config.encoderLayers()}
 * {@link EncoderLayer}s under {@code layers.0 ..}, applied in order to {@code (B, H, W, C)} tokens.
 */
public final class DeformableEncoder extends SpikeBlock implements UnaryBlock {

    private final BlockStack<EncoderLayer> layers;

    /**
     * Creates the encoder.
     *
     * @param config uses encoderLayers and the layer settings
     */
    public DeformableEncoder(Spike2FormerConfig config) {
        List<EncoderLayer> list = new ArrayList<>();
        for (int i = 0; i < config.encoderLayers(); i++) {
            list.add(new EncoderLayer(config));
        }
        layers = addChildBlock("layers", new BlockStack<>(list));
    }

    /** The layers in order. */
    public List<EncoderLayer> layers() {
        return layers.blocks();
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray q) {
        NDArray y = q;
        for (EncoderLayer layer : layers.blocks()) {
            y = layer.forward(ctx, y);
        }
        return y;
    }
}
