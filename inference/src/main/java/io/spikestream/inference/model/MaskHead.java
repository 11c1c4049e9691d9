package io.spikestream.inference.model;

import ai.djl.ndarray.NDArray;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.List;

/** The decode-head contract: backbone features in, class and mask predictions out. */
public interface MaskHead {

    /**
     * Predicts.
     *
     * @param ctx the pass context
     * @param features backbone features {@code [x1, x2, x3, x4]}
     * @param allLayers true for every decoder prediction (deep supervision), false for the last only
     * @return class and mask logits
     */
    HeadOutput predict(SpikeContext ctx, List<NDArray> features, boolean allLayers);
}
