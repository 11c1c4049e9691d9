package io.spikestream.inference.model.pixel;

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
import io.spikestream.inference.model.PixelFeatures;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.nn.ParameterPaths;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.spikestream.inference.testing.CpuTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PixelDecoderTest extends CpuTest {

    private static final String PREFIX = "decode_head.pixel_decoder";


    private PixelDecoder build(Spike2FormerConfig config) {
        PixelDecoder pd = new PixelDecoder(config);
        pd.initialize(manager, DataType.FLOAT32, new Shape(1));
        return pd;
    }

    private SpikeContext context() {
        return SpikeContext.builder(new ParameterStore(manager, false), Device.cpu()).build();
    }

    /** Backbone-shaped random features for an image of h x w. */
    private List<NDArray> features(Spike2FormerConfig config, int batch, int h, int w) {
        int[] c = PixelDecoder.inChannels(config);
        List<NDArray> out = new ArrayList<>();
        int[] strides = {2, 4, 8, 16};
        for (int i = 0; i < 4; i++) {
            out.add(manager.randomNormal(0f, 2f, new Shape(batch, c[i], h / strides[i], w / strides[i]),
                    DataType.FLOAT32));
        }
        return out;
    }

    private static long countLearned(Map<String, Parameter> params) {
        return params.entrySet().stream()
                .filter(e -> !e.getKey().endsWith("running_mean") && !e.getKey().endsWith("running_var"))
                .mapToLong(e -> e.getValue().getArray().getShape().size())
                .sum();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ade20k", "tiny-cityscapes"})
    void shouldProduceHalfResolutionMaskFeaturesAndThreeMemoriesWhenInputIs64x128(String preset) {
        Spike2FormerConfig config = Spike2FormerConfig.preset(preset);
        PixelDecoder pd = build(config);
        int d = config.pixelDim();
        PixelFeatures out = pd.decode(context(), features(config, 2, 64, 128));
        assertEquals(new Shape(2, d, 32, 64), out.maskFeatures().getShape());
        assertEquals(3, out.memories().size());
        assertEquals(new Shape(2, d, 4, 8), out.memories().get(0).getShape());
        assertEquals(new Shape(2, d, 8, 16), out.memories().get(1).getShape());
        assertEquals(new Shape(2, d, 16, 32), out.memories().get(2).getShape());
    }

    @Test
    void shouldCallNeuronsInOfficialOrderCountWhenDecoding() {
        Spike2FormerConfig config = Spike2FormerConfig.preset("ade20k");
        SpikeContext ctx = context();
        build(config).decode(ctx, features(config, 1, 64, 128));
        // 1 input spike + 6 layers x (3 ESC + 3 input_proj + dw/offset/mask + 3 output_proj + 2 MLP)
        // + encoder_out_proj_spike + 3 lateral + 3 output + mask_feature_spike
        assertEquals(1 + 6 * 14 + 1 + 6 + 1, ctx.neuronCalls());
    }

    @Test
    void shouldHaveExactOfficialParameterCountWhenAde20k() {
        Map<String, Parameter> params = ParameterPaths.of(build(Spike2FormerConfig.preset("ade20k")), PREFIX);
        // per encoder layer: Conv 269,312 + dcn 785,696 + ffn 528,128 + gammas 768 = 1,583,904 (x 6)
        // encoder_in_proj 92,928, encoder_out_proj 66,304, lateral 59,648, output 8,448, mask_feature 65,792
        assertEquals(9_796_544L, countLearned(params));
    }

    @Test
    void shouldUseOfficialStateDictKeysWhenPrefixed() {
        Map<String, Parameter> p = ParameterPaths.of(build(Spike2FormerConfig.preset("ade20k")), PREFIX);
        String layer = PREFIX + ".encoder.layers.5.";
        assertShape(p, PREFIX + ".lateral_convs.0.0.weight", 256, 32, 1, 1);
        assertShape(p, PREFIX + ".lateral_convs.2.1.running_var", 256);
        assertShape(p, PREFIX + ".output_convs.1.0.weight", 256, 1, 3, 3);
        assertShape(p, PREFIX + ".mask_feature.bias", 256);
        assertShape(p, PREFIX + ".encoder_in_proj.0.weight", 256, 360, 1, 1);
        assertShape(p, PREFIX + ".encoder_out_proj.1.bias", 256);
        assertShape(p, layer + "gamma2", 256);
        assertShape(p, layer + "Conv.dwconv.0.weight", 512, 1, 3, 3);
        assertShape(p, layer + "dcn.dw_conv.0.weight", 256, 1, 5, 5);
        assertShape(p, layer + "dcn.offset.0.weight", 576, 256, 1, 1);
        assertShape(p, layer + "dcn.mask.1.running_mean", 288);
        assertShape(p, layer + "dcn.input_proj.pwconv1.0.weight", 512, 256, 1, 1);
        assertShape(p, layer + "dcn.output_proj.dwconv.0.weight", 512, 1, 5, 5);
        assertShape(p, layer + "ffn.fc1_conv.weight", 1024, 256, 1);
        assertShape(p, layer + "ffn.fc2_bn.weight", 256);
        assertFalse(p.containsKey(PREFIX + ".output_convs.0.0.bias"));
        assertFalse(p.containsKey(layer + "Conv.pwconv1.0.bias"));
        assertTrue(p.keySet().stream().noneMatch(k -> k.contains("last_feat_conv.")));
        assertFalse(p.containsKey(PREFIX + ".encoder.layers.6.gamma1"));
    }

    private static void assertShape(Map<String, Parameter> params, String key, long... shape) {
        assertTrue(params.containsKey(key), "missing " + key);
        assertEquals(new Shape(shape), params.get(key).getArray().getShape(), key);
    }

    @Test
    void shouldInitialiseLayerScaleToOneMillionthAndOffsetConvToZero() {
        Map<String, Parameter> p = ParameterPaths.of(build(Spike2FormerConfig.preset("tiny-cityscapes")), "");
        float[] gamma = p.get("encoder.layers.1.gamma3").getArray().toFloatArray();
        float[] expected = new float[gamma.length];
        java.util.Arrays.fill(expected, 1e-6f);
        assertArrayEquals(expected, gamma, 0f);
        assertEquals(0f, p.get("encoder.layers.0.dcn.offset.0.weight").getArray().abs().max().getFloat());
        assertEquals(0f, p.get("encoder.layers.0.dcn.mask.0.bias").getArray().abs().max().getFloat());
    }

    @Test
    void shouldRejectWrongNumberOfFeatureMaps() {
        Spike2FormerConfig config = Spike2FormerConfig.preset("tiny-cityscapes");
        PixelDecoder pd = build(config);
        List<NDArray> three = features(config, 1, 64, 64).subList(1, 4);
        assertThrows(IllegalArgumentException.class, () -> pd.decode(context(), three));
    }
}
