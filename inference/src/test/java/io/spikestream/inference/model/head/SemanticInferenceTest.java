package io.spikestream.inference.model.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.testing.MovingBox;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.ops.Bilinear;
import io.spikestream.inference.runtime.ModelSelection;
import io.spikestream.inference.runtime.Preprocessor;
import io.spikestream.inference.runtime.SegmentationRuntime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticInferenceTest {

    private static final float LN2 = (float) Math.log(2);
    private static final float LN3 = (float) Math.log(3);

    // query 0: softmax [.5, .25 | .25]; query 1: softmax [.2, .6 | .2]
    private static NDArray classLogits(NDManager m) {
        return m.create(new float[] {LN2, 0, 0, 0, LN3, 0}, new Shape(1, 2, 3));
    }

    @Test
    void shouldWeightSigmoidMasksByClassProbabilitiesWhenTwoQueriesTwoClasses() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            // sigmoid: query 0 [.5, .75], query 1 [.75, .25] over two pixels
            NDArray masks = m.create(new float[] {0, LN3, LN3, -LN3}, new Shape(1, 2, 1, 2));
            // class 0: [.5*.5 + .2*.75, .5*.75 + .2*.25]; class 1: [.25*.5 + .6*.75, .25*.75 + .6*.25]
            float[] expected = {0.4f, 0.425f, 0.575f, 0.3375f};
            NDArray chunked = SemanticInference.scores(classLogits(m), masks, 1, 2, 2);
            assertEquals(new Shape(1, 2, 1, 2), chunked.getShape());
            assertArrayEquals(expected, chunked.toFloatArray(), 1e-6f);
            SemanticInference.Result r = SemanticInference.segment(classLogits(m), masks, 1, 2);
            assertArrayEquals(expected, r.scores().toFloatArray(), 1e-6f);
            assertEquals(new Shape(1, 1, 2), r.labels().getShape());
            assertArrayEquals(new long[] {1, 0}, r.labels().toLongArray());
        }
    }

    @Test
    void shouldUpsampleMasksAndResizeScoresWhenSizesDiffer() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            // constant masks stay constant under bilinear resizing: query 0 at .5, query 1 at .75
            NDArray masks = m.create(new float[] {0, 0, 0, 0, LN3, LN3, LN3, LN3}, new Shape(1, 2, 2, 2));
            SemanticInference.Result r = SemanticInference.segment(classLogits(m), masks, 4, 4, 3, 5);
            assertEquals(new Shape(1, 2, 3, 5), r.scores().getShape());
            assertEquals(new Shape(1, 3, 5), r.labels().getShape());
            // class 0: .5*.5 + .2*.75 = .4; class 1: .25*.5 + .6*.75 = .575
            float[] s = r.scores().toFloatArray();
            assertEquals(0.4f, s[0], 1e-6f);
            assertEquals(0.575f, s[15], 1e-6f);
            assertEquals(15, r.labels().sum().getLong());
        }
    }

    @Test
    void shouldEqualWholeResizeWhenScoresAreResizedInClassChunks() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            m.getEngine().setRandomSeed(11);
            NDArray scores = m.randomUniform(0f, 1f, new Shape(2, 5, 3, 4));
            NDArray chunked = SemanticInference.resize(scores, 7, 9, 2 * 7 * 9 * 2);
            assertEquals(new Shape(2, 5, 7, 9), chunked.getShape());
            assertArrayEquals(Bilinear.resize(scores, 7, 9).toFloatArray(), chunked.toFloatArray(), 0f);
        }
    }

    @Test
    void shouldLabelLikeTheFullyResizedScoresWhenScoresAreRandom() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            m.getEngine().setRandomSeed(5);
            NDArray scores = m.randomUniform(0f, 1f, new Shape(2, 5, 7, 9));
            for (long[] size : new long[][] {{20, 31}, {14, 18}, {7, 9}, {7, 40}, {5, 4}}) {
                assertArrayEquals(SemanticInference.fromScores(scores, size[0], size[1]).labels().toLongArray(),
                        SemanticInference.labelsFromScores(scores, size[0], size[1]).toLongArray(),
                        "labels at " + size[0] + "x" + size[1]);
            }
        }
    }

    @Test
    void shouldGiveTheTensorLabelsOnTheHost() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            m.getEngine().setRandomSeed(7);
            NDArray scores = m.randomUniform(0f, 1f, new Shape(1, 19, 16, 32));
            for (int[] size : new int[][] {{32, 64}, {16, 32}, {37, 50}, {16, 90}, {8, 20}}) {
                assertArrayEquals(bytes(SemanticInference.labelsFromScores(scores, size[0], size[1])),
                        SemanticInference.trainIds(scores, size[0], size[1]), "labels at " + size[0] + "x" + size[1]);
            }
        }
    }

    private static byte[] bytes(NDArray labels) {
        long[] v = labels.toLongArray();
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void shouldLabelLikeTheFullyResizedScoresOnTheShippedModelsOutputs() throws Exception {
        try (SegmentationRuntime runtime = ModelSelection.of("tiny-cityscapes", "default", "cpu", 0, 0).open();
                NDManager m = NDManager.newBaseManager(Device.cpu())) {
            int h = runtime.inputHeight();
            int w = runtime.inputWidth();
            NDArray input = new Preprocessor(h, w).batch(List.of(MovingBox.frame(w, h, 3), MovingBox.frame(w, h, 9)), m);
            HeadOutput out = runtime.model().forward(SpikeContext.builder(new ParameterStore(m, false),
                    m.getDevice()).build(), input, false);
            NDArray cls = out.classLogits().squeeze(1);
            NDArray masks = out.maskLogits().squeeze(1);
            for (long[] size : new long[][] {{2L * h, 2L * w}, {300, 700}, {h, w}}) {
                long[] full = SemanticInference.segment(cls, masks, h, w, size[0], size[1]).labels().toLongArray();
                assertArrayEquals(full, SemanticInference.labels(cls, masks, h, w, size[0], size[1]).toLongArray(),
                        "labels at " + size[0] + "x" + size[1]);
                NDArray scores = SemanticInference.scores(cls.get("0:1"), masks.get("0:1"), h, w,
                        SemanticInference.DEFAULT_CHUNK_ELEMENTS);
                assertArrayEquals(bytes(SemanticInference.labelsFromScores(scores, size[0], size[1])),
                        SemanticInference.trainIds(scores, (int) size[0], (int) size[1]),
                        "host labels at " + size[0] + "x" + size[1]);
                assertTrue(Arrays.stream(full).distinct().count() > 2, "the frames show several classes");
            }
        }
    }
}
