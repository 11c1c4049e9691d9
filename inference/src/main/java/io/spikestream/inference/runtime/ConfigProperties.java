package io.spikestream.inference.runtime;

import io.spikestream.inference.model.Spike2FormerConfig;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

/** Converts a {@link Spike2FormerConfig} to and from {@link Properties} (stored beside weights). */
public final class ConfigProperties {

    private ConfigProperties() {}

    /**
     * Writes every field.
     *
     * @param c the configuration
     * @return its properties
     */
    public static Properties toProperties(Spike2FormerConfig c) {
        Properties p = new Properties();
        p.setProperty("name", c.name());
        p.setProperty("numClasses", String.valueOf(c.numClasses()));
        p.setProperty("embedDims", Arrays.stream(c.embedDims()).mapToObj(String::valueOf).collect(Collectors.joining(",")));
        p.setProperty("backboneHeads", String.valueOf(c.backboneHeads()));
        p.setProperty("mlpRatio", String.valueOf(c.mlpRatio()));
        p.setProperty("stage3Blocks", String.valueOf(c.stage3Blocks()));
        p.setProperty("stage4Blocks", String.valueOf(c.stage4Blocks()));
        p.setProperty("pixelDim", String.valueOf(c.pixelDim()));
        p.setProperty("encoderLayers", String.valueOf(c.encoderLayers()));
        p.setProperty("encoderFfn", String.valueOf(c.encoderFfn()));
        p.setProperty("dcnGroups", String.valueOf(c.dcnGroups()));
        p.setProperty("dcnKernel", String.valueOf(c.dcnKernel()));
        p.setProperty("decoderLayers", String.valueOf(c.decoderLayers()));
        p.setProperty("decoderHeads", String.valueOf(c.decoderHeads()));
        p.setProperty("decoderFfn", String.valueOf(c.decoderFfn()));
        p.setProperty("numQueries", String.valueOf(c.numQueries()));
        p.setProperty("spikeLevels", String.valueOf(c.spikeLevels()));
        p.setProperty("headAlpha", String.valueOf(c.headAlpha()));
        return p;
    }

    /**
     * Reads every field.
     *
     * @param p properties written by {@link #toProperties}
     * @return the configuration
     * @throws IllegalArgumentException naming a missing or malformed field
     */
    public static Spike2FormerConfig fromProperties(Properties p) {
        return Spike2FormerConfig.builder()
                .name(text(p, "name"))
                .numClasses(integer(p, "numClasses"))
                .embedDims(Arrays.stream(text(p, "embedDims").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray())
                .backboneHeads(integer(p, "backboneHeads"))
                .mlpRatio(integer(p, "mlpRatio"))
                .stage3Blocks(integer(p, "stage3Blocks"))
                .stage4Blocks(integer(p, "stage4Blocks"))
                .pixelDim(integer(p, "pixelDim"))
                .encoderLayers(integer(p, "encoderLayers"))
                .encoderFfn(integer(p, "encoderFfn"))
                .dcnGroups(integer(p, "dcnGroups"))
                .dcnKernel(integer(p, "dcnKernel"))
                .decoderLayers(integer(p, "decoderLayers"))
                .decoderHeads(integer(p, "decoderHeads"))
                .decoderFfn(integer(p, "decoderFfn"))
                .numQueries(integer(p, "numQueries"))
                .spikeLevels(integer(p, "spikeLevels"))
                .headAlpha(Float.parseFloat(text(p, "headAlpha")))
                .build();
    }

    private static String text(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("Model properties lack '" + key + "'");
        }
        return v;
    }

    private static int integer(Properties p, String key) {
        try {
            return Integer.parseInt(text(p, key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Model property '" + key + "' is not an integer: " + p.getProperty(key));
        }
    }
}
