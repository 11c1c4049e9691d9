package io.spikestream.inference.runtime.checkpoint;

import io.spikestream.inference.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.Conv2dLayer;
import io.spikestream.inference.model.nn.ParameterPaths;
import io.spikestream.inference.model.nn.Sequence;
import io.spikestream.inference.model.nn.SpikeBlock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OfficialWeightsTest {

    private NDManager manager;
    private Tree tree;

    /** Mirrors the Python {@code Tree} of gen_fixtures.py. */
    static final class Tree extends SpikeBlock {
        final Sequence stem = new Sequence(Conv2dLayer.builder(3, 4, 3).optPadding(1).build(), new BatchNormLayer(4));
        final Sequence head = new Sequence(Conv2dLayer.builder(4, 2, 1).optBias(false).build(),
                new Sequence(new BatchNormLayer(2)));

        Tree() {
            addChildBlock("stem", stem);
            addChildBlock("head", head);
        }
    }

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager(Device.cpu());
        tree = new Tree();
        tree.initialize(manager, DataType.FLOAT32, new Shape(1));
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static Map<String, TensorData> checkpoint() throws IOException {
        return new LinkedHashMap<>(TorchCheckpointReader.readStateDict(Fixtures.path("tree-checkpoint.pth")));
    }

    private float[] values(String path) {
        return ParameterPaths.of(tree, "").get(path).getArray().toFloatArray();
    }

    @Test
    void shouldCopyEveryTensorWhenKeysAndShapesMatch() throws IOException {
        int copied = OfficialWeights.load(tree, "", checkpoint());

        assertEquals(11, copied);
        // generator: value = arange * 0.01 + index of the key in the state_dict
        assertEquals(0.05f, values("stem.0.weight")[5], 1e-6f);
        assertArrayEquals(new float[] {1, 1.01f, 1.02f, 1.03f}, values("stem.0.bias"), 1e-6f);
        assertArrayEquals(new float[] {5, 5.01f, 5.02f, 5.03f}, values("stem.1.running_var"), 1e-6f);
        assertArrayEquals(new float[] {10, 10.01f}, values("head.1.0.running_mean"), 1e-6f);
    }

    @Test
    void shouldLoadOnlySubtreeWhenPrefixIsGiven() throws IOException {
        int copied = OfficialWeights.load(tree.stem, "stem", checkpoint());

        assertEquals(6, copied);
        assertArrayEquals(new float[] {2, 2.01f, 2.02f, 2.03f}, values("stem.1.weight"), 1e-6f);
    }

    @Test
    void shouldListAllProblemsWhenKeyRenamedMissingAndReshaped() throws IOException {
        Map<String, TensorData> ckpt = checkpoint();
        TensorData bias = ckpt.remove("stem.0.bias");
        ckpt.put("stem.0.biass", bias.withName("stem.0.biass"));
        ckpt.remove("head.1.0.running_var");
        ckpt.put("head.0.weight", new TensorData("head.0.weight", TorchDType.FLOAT32, new long[] {2, 4},
                ByteBuffer.allocate(32)));
        float[] before = values("stem.1.weight");

        OfficialWeights.WeightMappingException e = assertThrows(OfficialWeights.WeightMappingException.class,
                () -> OfficialWeights.load(tree, "", ckpt));

        List<String> problems = e.problems();
        assertEquals(4, problems.size(), e.getMessage());
        assertTrue(problems.contains("unmapped stem.0.biass [4]"), e.getMessage());
        assertTrue(problems.contains("missing stem.0.bias [4]"), e.getMessage());
        assertTrue(problems.contains("missing head.1.0.running_var [2]"), e.getMessage());
        assertTrue(problems.contains("shape head.0.weight checkpoint [2, 4] model [2, 4, 1, 1]"), e.getMessage());
        assertArrayEquals(before, values("stem.1.weight"), 0f);
    }

    @Test
    void shouldRejectWhenModelIsNotInitialised() throws IOException {
        Tree fresh = new Tree();
        Map<String, Parameter> params = ParameterPaths.of(fresh, "");
        assertEquals(11, params.size());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OfficialWeights.load(fresh, "", checkpoint()));
        assertTrue(e.getMessage().contains("not initialised"), e.getMessage());
    }
}
