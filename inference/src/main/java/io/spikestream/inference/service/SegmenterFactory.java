package io.spikestream.inference.service;

import io.spikestream.vision.Segmenter;
import java.io.IOException;

/** Opens the segmenter an {@link InferenceService} runs; replaceable for tests and other engines. */
@FunctionalInterface
public interface SegmenterFactory {

    /**
     * Opens a segmenter.
     *
     * @param config the inference settings (model, batching, state)
     * @return the running segmenter, owned by the caller
     * @throws IOException when the model cannot be read
     */
    Segmenter open(InferenceConfig config) throws IOException;
}
