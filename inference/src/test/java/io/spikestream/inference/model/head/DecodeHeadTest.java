package io.spikestream.inference.model.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.nn.OpAccounting;
import io.spikestream.inference.model.nn.ParameterPaths;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.spikestream.inference.testing.CpuTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecodeHeadTest extends CpuTest {

    private static final int BATCH = 2;
    private static final int SIZE = 64;


    private DecodeHead head(Spike2FormerConfig config) {
        DecodeHead head = new DecodeHead(config, new FakePixelDecoder(manager, BATCH, config.pixelDim(), SIZE));
        head.initialize(manager, DataType.FLOAT32, new Shape(1));
        ParameterPaths.assignPaths(head, "decode_head");
        return head;
    }

    private SpikeContext context() {
        return SpikeContext.builder(new ParameterStore(manager, false), Device.cpu()).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ade20k", "tiny-cityscapes"})
    void shouldReturnEveryPredictionWhenAllLayersRequested(String preset) {
        Spike2FormerConfig config = Spike2FormerConfig.preset(preset);
        SpikeContext ctx = context();
        HeadOutput out = head(config).predict(ctx, List.of(), true);
        long layers = config.decoderLayers() + 1;
        assertEquals(new Shape(BATCH, layers, config.numQueries(), config.numClasses() + 1),
                out.classLogits().getShape());
        assertEquals(new Shape(BATCH, layers, config.numQueries(), SIZE / 2, SIZE / 2), out.maskLogits().getShape());
        // per layer: 7 neurons in each of the two attentions, 2 in the FFN; then 5 in the SDME
        assertEquals(config.decoderLayers() * 16 + 5, ctx.neuronCalls());
    }

    @Test
    void shouldReturnOnlyTheLastPredictionWhenAllLayersNotRequested() {
        Spike2FormerConfig config = Spike2FormerConfig.preset("tiny-cityscapes");
        DecodeHead head = head(config);
        HeadOutput all = head.predict(context(), List.of(), true);
        HeadOutput last = head.predict(context(), List.of(), false);
        assertEquals(new Shape(BATCH, 1, 50, 20), last.classLogits().getShape());
        assertEquals(new Shape(BATCH, 1, 50, SIZE / 2, SIZE / 2), last.maskLogits().getShape());
        int l = config.decoderLayers();
        NDArray allCls = all.classLogits().get(new NDIndex(":, {}:", l));
        NDArray allMask = all.maskLogits().get(new NDIndex(":, {}:", l));
        assertArrayEquals(allCls.toFloatArray(), last.classLogits().toFloatArray(), 1e-5f);
        assertArrayEquals(allMask.toFloatArray(), last.maskLogits().toFloatArray(), 1e-4f);
        assertTrue(allMask.abs().max().getFloat() > 0f, "the comparison must not be between zeros");
    }

    @Test
    void shouldUseOfficialParameterPathsWhenPrefixedWithDecodeHead() {
        Spike2FormerConfig config = Spike2FormerConfig.preset("ade20k");
        Map<String, Parameter> params = ParameterPaths.of(head(config), "decode_head");
        assertShape(params, "decode_head.w", 1);
        assertShape(params, "decode_head.pixel_decoder.dummy.weight", 2);
        assertShape(params, "decode_head.transformer_decoder.layers.0.self_attn.attn.q_conv.0.weight", 256, 256, 1);
        assertShape(params, "decode_head.transformer_decoder.layers.5.cross_attn.attn.out_conv.1.running_var", 256);
        assertShape(params, "decode_head.transformer_decoder.layers.3.ffn.fc1.weight", 2048, 256, 1);
        assertShape(params, "decode_head.transformer_decoder.layers.3.ffn.bn1.bias", 2048);
        assertShape(params, "decode_head.transformer_decoder.layers.3.ffn.fc2.weight", 256, 2048, 1);
        assertShape(params, "decode_head.query_embed.weight", 100, 256);
        assertShape(params, "decode_head.query_feat.weight", 100, 256);
        assertShape(params, "decode_head.level_embed.weight", 3, 256);
        assertShape(params, "decode_head.cls_embed.weight", 151, 256);
        assertShape(params, "decode_head.mask_embed.fc_out.bias", 256);
        assertShape(params, "decode_head.shortcut_conv.0.weight", 100, 100, 1);
        assertShape(params, "decode_head.shortcut_conv.1.running_mean", 100);
    }

    @Test
    void shouldListExactlyTheOfficialKeysInStateDictOrderWhenAde20k() {
        Spike2FormerConfig config = Spike2FormerConfig.preset("ade20k");
        List<String> actual = new ArrayList<>(ParameterPaths.of(head(config), "decode_head").keySet());
        assertEquals(officialKeys(config.decoderLayers()), actual);
    }

    /** The official decode_head state_dict keys (without num_batches_tracked), written from its modules. */
    private static List<String> officialKeys(int layers) {
        List<String> keys = new ArrayList<>(List.of("decode_head.w", "decode_head.pixel_decoder.dummy.weight"));
        for (int i = 0; i < layers; i++) {
            String layer = "decode_head.transformer_decoder.layers." + i + ".";
            for (String attn : List.of("self_attn", "cross_attn")) {
                for (String proj : List.of("q_conv", "k_conv", "v_conv", "out_conv")) {
                    String p = layer + attn + ".attn." + proj;
                    keys.addAll(List.of(p + ".0.weight", p + ".0.bias"));
                    keys.addAll(bn(p + ".1"));
                }
            }
            keys.addAll(List.of(layer + "ffn.fc1.weight", layer + "ffn.fc1.bias"));
            keys.addAll(bn(layer + "ffn.bn1"));
            keys.addAll(List.of(layer + "ffn.fc2.weight", layer + "ffn.fc2.bias"));
            keys.addAll(bn(layer + "ffn.bn2"));
        }
        for (String k : List.of("query_embed.weight", "query_feat.weight", "level_embed.weight",
                "cls_embed.weight", "cls_embed.bias", "mask_embed.fc1.weight", "mask_embed.fc2.weight",
                "mask_embed.fc_out.weight", "mask_embed.fc_out.bias", "shortcut_conv.0.weight")) {
            keys.add("decode_head." + k);
        }
        keys.addAll(bn("decode_head.shortcut_conv.1"));
        return keys;
    }

    private static List<String> bn(String p) {
        return List.of(p + ".weight", p + ".bias", p + ".running_mean", p + ".running_var");
    }

    /**
     * Official count for ADE20K (C = 256, F = 2048, Q = 100, K = 150, 6 layers), from the module definitions:
     * one attention = 4 x (Conv1d C*C + C, BN 2C) = 265,216; FFN = (C*F + F) + 2F + (F*C + C) + 2C = 1,055,488;
     * layer = 2 x 265,216 + 1,055,488 = 1,585,920; transformer_decoder = 6 layers = 9,515,520.
     * Rest: query_embed 25,600 + query_feat 25,600 + level_embed 768 + cls_embed 38,807 + mask_embed 196,864
     * + w 1 + shortcut_conv 10,200 = 297,840; head without pixel decoder = 9,813,360.
     */
    @Test
    void shouldMatchOfficialParameterCountWhenAde20k() {
        Map<String, Parameter> params = ParameterPaths.of(head(Spike2FormerConfig.preset("ade20k")), "decode_head");
        assertEquals(9_515_520L, count(params, "decode_head.transformer_decoder."));
        assertEquals(9_813_360L, count(params, "decode_head.") - count(params, "decode_head.pixel_decoder."));
    }

    private static long count(Map<String, Parameter> params, String prefix) {
        return params.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .filter(e -> e.getValue().getType() != Parameter.Type.RUNNING_MEAN
                        && e.getValue().getType() != Parameter.Type.RUNNING_VAR)
                .mapToLong(e -> e.getValue().getArray().size())
                .sum();
    }

    private static void assertShape(Map<String, Parameter> params, String key, long... shape) {
        assertTrue(params.containsKey(key), "missing official key " + key);
        assertEquals(new Shape(shape), params.get(key).getArray().getShape(), key);
    }

    @Test
    void shouldAccountSpikeMatrixProductsWhenAccountingIsOn() {
        Spike2FormerConfig config = Spike2FormerConfig.preset("tiny-cityscapes");
        OpAccounting accounting = new OpAccounting();
        SpikeContext ctx = SpikeContext.builder(new ParameterStore(manager, false), Device.cpu())
                .optAccounting(accounting).build();
        head(config).predict(ctx, List.of(), true);
        Map<String, Long> macs = new HashMap<>();
        accounting.ops().forEach(op -> macs.merge(op.path(), op.macs(), Long::sum));
        long c = config.pixelDim();
        long q = config.numQueries();
        long keys16 = (SIZE / 16) * (SIZE / 16);
        assertEquals(BATCH * q * keys16 * c, macs.get("decode_head.transformer_decoder.layers.0.cross_attn.attn.qk"));
        assertEquals(BATCH * q * q * c, macs.get("decode_head.transformer_decoder.layers.2.self_attn.attn.scores_v"));
        long pixels = (SIZE / 2) * (SIZE / 2);
        assertEquals(BATCH * (config.decoderLayers() + 1) * q * c * pixels, macs.get("decode_head.mask_einsum"));
        assertTrue(macs.containsKey("decode_head.shortcut_conv.0"));
    }
}
