package io.spikestream.inference.model;

import ai.djl.ndarray.NDArray;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.List;

/** The pixel-decoder contract: backbone features in, mask features and decoder memories out. */
public interface MultiScaleDecoder {

    /**
     * Decodes.
     *
     * @param ctx the pass context
     * @param features backbone features {@code [x1, x2, x3, x4]} as {@link FeatureExtractor} returns them
     * @return mask features and the three memories
     */
    PixelFeatures decode(SpikeContext ctx, List<NDArray> features);
}
