package io.spikestream.inference.model.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.MembraneState;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.nn.OpAccounting;
import io.spikestream.inference.model.nn.ParameterPaths;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackboneTest {

    /** 690 official backbone keys of the ADE20K model, num_batches_tracked excluded. */
    private static final int ADE20K_KEYS = 690;

    /**
     * Weights, biases and BN affine of {@code Spiking_vit_MetaFormer(embed_dim=[64,128,256,360])}:
     * stem 4,800; ConvBlock(C) 76C^2 + 114C; 3x3 downsampling 9 C_in C_out + 3 C_out; MS_Block(C)
     * 16C^2 + 75C (4 x (RepConv 2C^2 + 13C, BN 2C), MLP 8C^2 + 15C).
     */
    private static final long ADE20K_PARAMETERS = 14_751_208L;

    /** Neuron calls of the tiny preset: 4 ConvBlocks x 4, 4 downsamplings x 1, 3 MS_Blocks x 7. */
    private static final int TINY_NEURON_CALLS = 41;

    private static final float GAIN = 4f;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager(Device.cpu());
        manager.getEngine().setRandomSeed(7);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Backbone backbone(String preset) {
        Backbone b = new Backbone(Spike2FormerConfig.preset(preset));
        b.initialize(manager, DataType.FLOAT32, new Shape(1));
        return b;
    }

    private SpikeContext.Builder context() {
        return SpikeContext.builder(new ParameterStore(manager, false), Device.cpu());
    }

    @ParameterizedTest
    @CsvSource({"ade20k, 32, 64, 128, 360", "tiny-cityscapes, 16, 32, 64, 192"})
    void shouldReturnFourStridedMapsWhenInputIs64x128(String preset, long c1, long c2, long c3, long c4) {
        List<NDArray> f = backbone(preset).features(context().build(), manager.randomNormal(new Shape(2, 3, 64, 128)));
        assertEquals(new Shape(2, c1, 32, 64), f.get(0).getShape());
        assertEquals(new Shape(2, c2, 16, 32), f.get(1).getShape());
        assertEquals(new Shape(2, c3, 8, 16), f.get(2).getShape());
        assertEquals(new Shape(2, c4, 4, 8), f.get(3).getShape());
    }

    @Test
    void shouldNameParametersAsOfficialStateDictWhenAde20k() {
        Map<String, Parameter> paths = ParameterPaths.of(new Backbone(Spike2FormerConfig.preset("ade20k")), "backbone");
        assertEquals(ADE20K_KEYS, paths.size());
        List<String> keys = new ArrayList<>(paths.keySet());
        assertEquals("backbone.downsample1_1.encode_conv.weight", keys.get(0));
        assertEquals("backbone.ConvBlock1_1.0.Conv.pwconv1.weight", keys.get(6));
        assertEquals("backbone.block4.1.mlp.fc2_bn.running_var", keys.get(ADE20K_KEYS - 1));
        assertShape(paths, "backbone.downsample1_1.encode_conv.weight", 32, 3, 7, 7);
        assertShape(paths, "backbone.downsample1_1.encode_conv.bias", 32);
        assertShape(paths, "backbone.ConvBlock1_2.0.Conv.dwconv.weight", 128, 1, 7, 7);
        assertShape(paths, "backbone.ConvBlock2_2.0.conv1.weight", 512, 128, 3, 3);
        assertShape(paths, "backbone.downsample4.encode_conv.weight", 360, 256, 3, 3);
        assertShape(paths, "backbone.block3.0.attn.q_conv.0.body.0.weight", 256, 256, 1, 1);
        assertShape(paths, "backbone.block3.0.attn.q_conv.0.body.1.bn.running_mean", 256);
        assertShape(paths, "backbone.block3.5.attn.k_conv.0.body.2.0.weight", 256, 1, 3, 3);
        assertShape(paths, "backbone.block3.5.attn.v_conv.0.body.2.1.weight", 256, 256, 1, 1);
        assertShape(paths, "backbone.block4.1.attn.proj_conv.0.body.2.2.bias", 360);
        assertShape(paths, "backbone.block4.0.attn.proj_conv.1.weight", 360);
        assertShape(paths, "backbone.block4.1.mlp.fc1_conv.weight", 1440, 360, 1);
        assertShape(paths, "backbone.block4.1.mlp.fc1_conv.bias", 1440);
        assertFalse(paths.containsKey("backbone.downsample1_1.encode_conv.0.weight"));
    }

    @Test
    void shouldNameOnlyOfficialModulesWhenAde20k() {
        Set<String> modules = ParameterPaths.of(new Backbone(Spike2FormerConfig.preset("ade20k")), "backbone")
                .keySet().stream().map(k -> k.split("\\.")[1]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("downsample1_1", "ConvBlock1_1", "downsample1_2", "ConvBlock1_2",
                "downsample2", "ConvBlock2_1", "ConvBlock2_2", "downsample3", "block3", "downsample4",
                "block4")), modules);
    }

    private static void assertShape(Map<String, Parameter> paths, String key, long... dims) {
        assertTrue(paths.containsKey(key), "missing " + key);
        assertEquals(new Shape(dims), paths.get(key).getShape(), key);
    }

    @Test
    void shouldCountOfficialParametersWhenAde20k() {
        long count = ParameterPaths.of(new Backbone(Spike2FormerConfig.preset("ade20k")), "").values().stream()
                .filter(p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR)
                .mapToLong(p -> p.getShape().size())
                .sum();
        assertEquals(ADE20K_PARAMETERS, count);
    }

    @Test
    void shouldCarryOneSlotPerNeuronCallWhenStateIsFedBack() {
        Backbone b = backbone("tiny-cityscapes");
        amplifyBatchNorms(b);
        NDArray image = manager.randomNormal(new Shape(1, 3, 32, 64));
        SpikeContext first = context().optCaptureState(true).build();
        NDArray fresh = b.features(first, image).get(3);
        MembraneState state = first.finish();
        assertEquals(TINY_NEURON_CALLS, first.neuronCalls());
        assertEquals(TINY_NEURON_CALLS, state.neuronCount());

        SpikeContext carried = context().optState(state).build();
        NDArray continued = b.features(carried, image).get(3);
        carried.finish();
        NDArray again = b.features(context().build(), image).get(3);

        assertTrue(fresh.abs().max().getFloat() > 0f);
        assertFalse(fresh.allClose(continued, 1e-4, 1e-4, false));
        assertArrayEquals(fresh.toFloatArray(), again.toFloatArray(), 0f);
    }

    /** Raises every BN gain so that spikes reach the last stage of an untrained network. */
    private static void amplifyBatchNorms(Backbone b) {
        ParameterPaths.of(b, "").values().stream().filter(p -> p.getType() == Parameter.Type.GAMMA)
                .forEach(p -> p.getArray().muli(GAIN));
    }

    @Test
    void shouldMarkStemAndPostConvolutionInputsRealWhenAccounting() {
        Backbone b = backbone("tiny-cityscapes");
        ParameterPaths.assignPaths(b, "backbone");
        OpAccounting ops = new OpAccounting();
        b.features(context().optAccounting(ops).build(), manager.randomNormal(new Shape(1, 3, 32, 32)));
        Set<String> real = ops.ops().stream().filter(op -> !op.spikingInput()).map(OpAccounting.Op::path)
                .collect(Collectors.toSet());
        assertTrue(real.contains("backbone.downsample1_1.encode_conv"));
        assertTrue(real.contains("backbone.ConvBlock2_2.0.Conv.pwconv2"));
        assertTrue(real.contains("backbone.block3.1.attn.proj_conv.0.body.2.0"));
        assertTrue(real.contains("backbone.block4.0.attn.q_conv.0.body.2.1"));
        assertEquals(1 + 4 + 3 * 4 * 2, real.size());
        assertTrue(ops.ops().stream().anyMatch(op -> op.path().equals("backbone.block4.0.attn.q_kv")));
    }

    @Test
    void shouldRejectImageWithoutThreeChannels() {
        Backbone b = new Backbone(Spike2FormerConfig.preset("tiny-cityscapes"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.features(context().build(), manager.zeros(new Shape(1, 1, 32, 32))));
        assertTrue(e.getMessage().contains("(B, 3, H, W)"));
    }
}
