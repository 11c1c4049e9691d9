package io.spikestream.training.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.Spike2Former;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.head.SemanticInference;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.runtime.Preprocessor;
import io.spikestream.training.data.Sample;
import io.spikestream.training.data.SyntheticDataset;
import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.ConfusionMatrix;
import io.spikestream.vision.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final Spike2FormerConfig MICRO = Spike2FormerConfig.builder().name("micro").numClasses(19)
            .embedDims(8, 16, 32, 48).stage3Blocks(1).stage4Blocks(1).pixelDim(32).encoderLayers(1)
            .encoderFfn(64).dcnGroups(4).decoderLayers(3).decoderFfn(64).numQueries(10).build();

    /**
     * Validation during training goes through the runtime's segmenter; its masks must be those of the direct
     * forward pass training validated with before (resize, forward in inference mode, semantic inference at the
     * sample's size), and the model's parameters must outlive the evaluation.
     */
    @Test
    void shouldScoreAnInMemoryModelLikeItsDirectForwardPass() throws Exception {
        SyntheticDataset data = SyntheticDataset.evaluation(0, 1, 2, 1, 128, 64);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Engine.getInstance().setRandomSeed(5);
            Spike2Former<?, ?> model = Spike2Former.create(MICRO);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 128));
            ConfusionMatrix expected = new ConfusionMatrix(Cityscapes.NUM_CLASSES, Cityscapes.IGNORE);
            for (int i = 0; i < data.size(); i++) {
                Sample s = data.get(i);
                expected.add(s.labels(), directForward(model, manager, s));
            }
            int arrays = manager.getManagedArrays().size();

            EvalResult r = Evaluator.evaluate(model, manager, 64, 128, data);

            assertEquals(data.size(), r.images());
            for (int g = 0; g < Cityscapes.NUM_CLASSES; g++) {
                assertArrayEquals(expected.counts()[g], r.matrix().counts()[g], "ground-truth class " + g);
            }
            assertEquals(arrays, manager.getManagedArrays().size(), "the parameters stay, nothing else is left");
            assertEquals(expected.meanIoU(), Evaluator.evaluate(model, manager, 64, 128, data).meanIoU(), 0.0);
        }
    }

    /** What training's validation computed per sample before it went through the runtime. */
    private static byte[] directForward(Spike2Former<?, ?> model, NDManager manager, Sample sample) {
        Preprocessor preprocessor = new Preprocessor(64, 128);
        try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
            NDArray input = preprocessor.batch(List.of(new RgbImage(sample.width(), sample.height(), sample.rgb())),
                    sub);
            SpikeContext ctx = SpikeContext.builder(new ParameterStore(manager, false), input.getDevice()).build();
            HeadOutput out = model.forward(ctx, input, false);
            return SemanticInference.segment(out.classLogits().squeeze(1), out.maskLogits().squeeze(1),
                    preprocessor.height(), preprocessor.width(), sample.height(), sample.width()).labels()
                    .toType(DataType.UINT8, false).toByteArray();
        }
    }
}
