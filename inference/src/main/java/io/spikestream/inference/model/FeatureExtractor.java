package io.spikestream.inference.model;

import ai.djl.ndarray.NDArray;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.List;

/** The backbone contract: an image in, four feature maps out. */
public interface FeatureExtractor {

    /**
     * Extracts features.
     *
     * @param ctx the pass context
     * @param image normalised image {@code (B, 3, H, W)}, H and W multiples of 16
     * @return {@code [x1 (B, C0/2, H/2, W/2), x2 (B, C0, H/4, W/4), x3 (B, C1, H/8, W/8),
     *     x4 (B, C3, H/16, W/16)]}, real-valued (the consumer spikes them)
     */
    List<NDArray> features(SpikeContext ctx, NDArray image);
}
