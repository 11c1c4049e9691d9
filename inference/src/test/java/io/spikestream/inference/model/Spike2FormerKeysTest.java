package io.spikestream.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Parameter;
import io.spikestream.inference.model.nn.ParameterPaths;
import io.spikestream.inference.runtime.checkpoint.OfficialKeyList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole network's parameter paths and shapes against the key lists produced from a PyTorch
 * module tree that mirrors the official code (tools/reference), so an official checkpoint maps 1:1.
 */
class Spike2FormerKeysTest {

    @ParameterizedTest
    @CsvSource({"ade20k, official-keys-ade20k.tsv, 34361112", "cityscapes, official-keys-cityscapes.tsv, 34327445",
            "voc-released, official-keys-voc.tsv, 34361112"})
    void shouldHaveExactlyTheOfficialKeysShapesAndParameterCount(String preset, String keyFile, long count)
            throws Exception {
        Spike2Former<?, ?> model = Spike2Former.create(Spike2FormerConfig.preset(preset));
        Map<String, String> ours = new LinkedHashMap<>();
        long params = 0;
        for (Map.Entry<String, Parameter> e : ParameterPaths.of(model, "").entrySet()) {
            long[] shape = e.getValue().getShape().getShape();
            ours.put(e.getKey(), shapeText(shape));
            if (!e.getKey().endsWith("running_mean") && !e.getKey().endsWith("running_var")) {
                params += e.getValue().getShape().size();
            }
        }
        Map<String, String> official = new LinkedHashMap<>();
        OfficialKeyList list = OfficialKeyList.parse(getClass().getResourceAsStream("/fixtures/" + keyFile));
        list.shapes().forEach((k, v) -> {
            if (!k.endsWith("num_batches_tracked")) {
                official.put(k, shapeText(v));
            }
        });
        assertEquals(official, ours);
        assertEquals(count, params);
    }

    private static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder();
        for (long d : shape) {
            b.append(b.length() == 0 ? "" : ",").append(d);
        }
        return b.toString();
    }
}
