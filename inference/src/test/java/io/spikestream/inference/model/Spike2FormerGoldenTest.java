package io.spikestream.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.backbone.Backbone;
import io.spikestream.inference.model.head.DecodeHead;
import io.spikestream.inference.model.head.SemanticInference;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.runtime.checkpoint.OfficialWeights;
import io.spikestream.inference.runtime.checkpoint.TorchCheckpointReader;
import io.spikestream.inference.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole network against the PyTorch reference (tools/reference/spike2former_ref.py, written from
 * the official code) on a random micro-sized checkpoint in the official format: fresh state, and a
 * second batch with the membrane state carried over.
 */
public class Spike2FormerGoldenTest {

    public static final Spike2FormerConfig MICRO = Spike2FormerConfig.builder().name("micro").numClasses(5)
            .embedDims(8, 16, 32, 48).stage3Blocks(1).stage4Blocks(1).pixelDim(32).encoderLayers(1)
            .encoderFfn(64).dcnGroups(4).decoderLayers(3).decoderFfn(64).numQueries(10).build();

    /** BatchNorms of the micro model that directly follow a convolution (all but BNAndPad's). */
    private static final int NORMS_AFTER_CONVOLUTIONS = 94;
    private static NDManager manager;
    private static Spike2Former<Backbone, DecodeHead> model;
    private static Map<String, NDArray> golden;

    @BeforeAll
    static void load() throws Exception {
        manager = NDManager.newBaseManager(Device.cpu());
        model = Spike2Former.create(MICRO);
        model.initialize(manager, DataType.FLOAT32, new Shape(1));
        OfficialWeights.load(model, "", TorchCheckpointReader.readStateDict(Fixtures.path("micro-checkpoint.pth")));
        golden = Fixtures.npz(manager, "micro-golden.npz");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static SpikeContext context(MembraneState state) {
        return SpikeContext.builder(new ParameterStore(manager, false), Device.cpu())
                .optState(state).optCaptureState(true).build();
    }

    @Test
    void shouldMatchReferenceBackboneAndPixelDecoderWhenStateIsFresh() {
        List<NDArray> x = model.backbone().features(context(null), golden.get("fresh_input"));
        for (int i = 0; i < 4; i++) {
            assertClose("fresh_x" + (i + 1), x.get(i), 1e-4);
        }
        PixelFeatures p = pixelDecoder().decode(context(null), x);
        assertClose("fresh_mask_features", p.maskFeatures(), 1e-4);
        assertClose("fresh_memory_16", p.memories().get(0), 1e-4);
        assertClose("fresh_memory_8", p.memories().get(1), 1e-4);
        assertClose("fresh_memory_4", p.memories().get(2), 1e-4);
    }

    @Test
    void shouldMatchReferenceLogitsAndSegmentationWhenStateIsFresh() {
        HeadOutput all = model.forward(context(null), golden.get("fresh_input"), true);
        assertClose("fresh_cls_all", all.classLogits().transpose(1, 0, 2, 3), 1e-3);
        HeadOutput last = model.forward(context(null), golden.get("fresh_input"), false);
        assertClose("fresh_cls_logits", last.classLogits().squeeze(1), 1e-3);
        assertClose("fresh_mask_logits", last.maskLogits().squeeze(1), 1e-3);
        SemanticInference.Result seg = SemanticInference.segment(last.classLogits().squeeze(1),
                last.maskLogits().squeeze(1), 64, 128);
        assertClose("fresh_seg_scores", seg.scores(), 1e-4);
        assertSameLabels("fresh_seg_argmax", seg.labels());
    }

    @Test
    void shouldMatchReferenceWithBatchNormsFoldedForInference() throws Exception {
        Spike2Former<Backbone, DecodeHead> folded = Spike2Former.create(MICRO);
        folded.initialize(manager, DataType.FLOAT32, new Shape(1));
        OfficialWeights.load(folded, "", TorchCheckpointReader.readStateDict(Fixtures.path("micro-checkpoint.pth")));
        assertEquals(NORMS_AFTER_CONVOLUTIONS, folded.foldBatchNormsForInference());
        assertEquals(0, folded.foldBatchNormsForInference(), "folding twice folds nothing");
        HeadOutput last = folded.forward(context(null), golden.get("fresh_input"), false);
        assertClose("fresh_cls_logits", last.classLogits().squeeze(1), 1e-3);
        assertClose("fresh_mask_logits", last.maskLogits().squeeze(1), 1e-3);
        assertSameLabels("fresh_seg_argmax", SemanticInference.labels(last.classLogits().squeeze(1),
                last.maskLogits().squeeze(1), 64, 128, 64, 128));
        SpikeContext training = SpikeContext.builder(new ParameterStore(manager, false), Device.cpu())
                .optTraining(true).build();
        assertThrows(IllegalStateException.class, () -> folded.forward(training, golden.get("fresh_input"), false));
    }

    @Test
    void shouldMatchReferenceWhenMembraneStateIsCarriedToTheNextBatch() {
        SpikeContext first = context(null);
        model.forward(first, golden.get("fresh_input"), false);
        SpikeContext second = context(first.finish());
        List<NDArray> x = model.backbone().features(second, golden.get("carried_input"));
        HeadOutput out = model.decodeHead().predict(second, x, false);
        for (int i = 0; i < 4; i++) {
            assertClose("carried_x" + (i + 1), x.get(i), 1e-4);
        }
        assertClose("carried_cls_logits", out.classLogits().squeeze(1), 1e-3);
        assertClose("carried_mask_logits", out.maskLogits().squeeze(1), 1e-3);
        NDArray labels = SemanticInference.segment(out.classLogits().squeeze(1), out.maskLogits().squeeze(1), 64, 128)
                .labels();
        assertSameLabels("carried_seg_argmax", labels);
    }

    private static io.spikestream.inference.model.pixel.PixelDecoder pixelDecoder() {
        return (io.spikestream.inference.model.pixel.PixelDecoder) model.decodeHead().getChildren()
                .values().stream().filter(b -> b instanceof io.spikestream.inference.model.pixel.PixelDecoder)
                .findFirst().orElseThrow();
    }

    private static void assertClose(String name, NDArray actual, double tolerance) {
        NDArray expected = golden.get(name);
        assertEquals(expected.getShape(), actual.getShape(), name + " shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        double scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        int bad = 0;
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs(e[i] - a[i]);
            worst = Math.max(worst, diff);
            if (diff > tolerance * Math.max(1.0, scale)) {
                bad++;
            }
        }
        assertEquals(0, bad, name + ": " + bad + " of " + e.length + " values differ, worst " + worst
                + " (scale " + scale + ")");
    }

    private static void assertSameLabels(String name, NDArray labels) {
        int[] e = golden.get(name).toType(DataType.INT32, false).toIntArray();
        long[] a = labels.toType(DataType.INT64, false).toLongArray();
        int same = 0;
        for (int i = 0; i < e.length; i++) {
            same += e[i] == a[i] ? 1 : 0;
        }
        assertTrue(same == e.length, name + ": " + (e.length - same) + " of " + e.length + " labels differ");
    }
}
