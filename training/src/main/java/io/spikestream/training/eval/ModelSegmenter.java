package io.spikestream.training.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.Spike2Former;
import io.spikestream.inference.model.head.SemanticInference;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.runtime.Preprocessor;
import io.spikestream.training.data.Sample;
import io.spikestream.vision.RgbImage;
import java.util.List;

/**
 * Segments with an in-memory model in inference mode (running BN statistics, fresh membrane state per
 * image): resize to the network input, forward, semantic inference resized back to the sample's size.
 * Used for validation during training; with weight files use {@link Evaluator#evaluate(java.nio.file.Path,
 * io.spikestream.inference.model.Spike2FormerConfig, io.spikestream.training.data.SegmentationDataset, int, int,
 * java.nio.file.Path)}.
 */
public final class ModelSegmenter implements Segmenter {

    private final Spike2Former<?, ?> model;
    private final NDManager manager;
    private final ParameterStore store;
    private final Preprocessor preprocessor;

    /**
     * @param model the network
     * @param manager the manager owning its parameters
     * @param inputHeight network input height (multiple of 32)
     * @param inputWidth network input width (multiple of 32)
     */
    public ModelSegmenter(Spike2Former<?, ?> model, NDManager manager, int inputHeight, int inputWidth) {
        this.model = model;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
        this.preprocessor = new Preprocessor(inputHeight, inputWidth);
    }

    @Override
    public byte[] segment(Sample sample) {
        try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
            NDArray input = preprocessor.batch(List.of(new RgbImage(sample.width(), sample.height(), sample.rgb())), sub);
            SpikeContext ctx = SpikeContext.builder(store, input.getDevice()).build();
            HeadOutput out = model.forward(ctx, input, false);
            NDArray labels = SemanticInference.segment(out.classLogits().squeeze(1), out.maskLogits().squeeze(1),
                    preprocessor.height(), preprocessor.width(), sample.height(), sample.width()).labels();
            return labels.toType(DataType.UINT8, false).toByteArray();
        }
    }
}
