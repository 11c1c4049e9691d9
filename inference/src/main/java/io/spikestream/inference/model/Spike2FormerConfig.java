package io.spikestream.inference.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * Hyper-parameters of a Spike2Former network, mirroring the official configs (BICLab/Spike2Former,
 * {@code Segmentation/configs/Spike2Former}).
 *
 * <p>Use {@link #preset(String)} for the released architectures or {@link #builder()} to derive a
 * variant. Every value is validated by {@link Builder#build()}.
 *
 * @param name preset name, used in logs and model ids
 * @param numClasses number of semantic classes K (the class head has K + 1 outputs)
 * @param embedDims backbone widths of the four stages; stage 1 runs at {@code embedDims[0] / 2}
 * @param backboneHeads attention heads of the backbone MS_Blocks
 * @param mlpRatio hidden expansion of backbone conv blocks and MLPs
 * @param stage3Blocks number of MS_Blocks at {@code embedDims[2]} (official: 6)
 * @param stage4Blocks number of MS_Blocks at {@code embedDims[3]} (official: 2)
 * @param pixelDim width of the pixel decoder, its memories and the transformer decoder
 * @param encoderLayers SDTE blocks on the 1/16 map (official: 6)
 * @param encoderFfn hidden width of the SDTE channel MLP (official: 1024)
 * @param dcnGroups groups of the spike-driven deformable attention (official: 32)
 * @param dcnKernel depthwise kernel of the SDDA projections (official: 5)
 * @param decoderLayers transformer decoder layers (official: 6)
 * @param decoderHeads attention heads of the transformer decoder (official: 8)
 * @param decoderFfn hidden width of the decoder FFN (official: 2048)
 * @param numQueries object queries (official: 100)
 * @param spikeLevels D, the largest integer a NI-LIF neuron emits (official code: 8)
 * @param headAlpha factor applied to head spikes (official: 4)
 */
public record Spike2FormerConfig(
        String name,
        int numClasses,
        int[] embedDims,
        int backboneHeads,
        int mlpRatio,
        int stage3Blocks,
        int stage4Blocks,
        int pixelDim,
        int encoderLayers,
        int encoderFfn,
        int dcnGroups,
        int dcnKernel,
        int decoderLayers,
        int decoderHeads,
        int decoderFfn,
        int numQueries,
        int spikeLevels,
        float headAlpha) {

    /** Names accepted by {@link #preset(String)}. */
    public static final String[] PRESETS = {"ade20k", "cityscapes", "voc", "voc-released", "tiny-cityscapes"};

    /** Mean of the input normalisation, RGB order, 0..255 scale (mmseg defaults). */
    public static final float[] PIXEL_MEAN = {123.675f, 116.28f, 103.53f};

    /** Standard deviation of the input normalisation, RGB order, 0..255 scale. */
    public static final float[] PIXEL_STD = {58.395f, 57.12f, 57.375f};

    public Spike2FormerConfig {
        embedDims = embedDims.clone();
    }

    @Override
    public int[] embedDims() {
        return embedDims.clone();
    }

    /** Width of the stride-2 stage ({@code embedDims[0] / 2}). */
    public int stemDim() {
        return embedDims[0] / 2;
    }

    /** Number of decoder predictions with deep supervision: the initial queries plus one per layer. */
    public int numPredictions() {
        return decoderLayers + 1;
    }

    /**
     * Returns a released architecture or the small CPU variant.
     *
     * @param name one of {@link #PRESETS}
     * @return the configuration
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Spike2FormerConfig preset(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "ade20k":
                return official("ade20k", 150);
            case "cityscapes":
                return official("cityscapes", 19);
            case "voc":
                return official("voc", 21);
            case "voc-released":
                // The released VOC config keeps num_classes=150: its checkpoints have a 151-way class head.
                return official("voc-released", 150);
            case "tiny-cityscapes":
                return tinyCityscapes();
            default:
                throw new IllegalArgumentException(
                        "Unknown preset '" + name + "'; use one of " + Arrays.toString(PRESETS));
        }
    }

    private static Spike2FormerConfig official(String name, int classes) {
        return builder().name(name).numClasses(classes).build();
    }

    /**
     * A small variant for CPUs: same structure and quirks as the official model, narrower and shallower
     * (see docs/model.md for the reasoning behind each value).
     */
    private static Spike2FormerConfig tinyCityscapes() {
        return builder()
                .name("tiny-cityscapes")
                .numClasses(19)
                .embedDims(32, 64, 128, 192)
                .stage3Blocks(2)
                .stage4Blocks(1)
                .pixelDim(128)
                .encoderLayers(2)
                .encoderFfn(512)
                .dcnGroups(16)
                .decoderLayers(3)
                .decoderFfn(512)
                .numQueries(50)
                .build();
    }

    /** Starts from the official 15M-backbone ADE20K architecture. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialised with this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.numClasses = numClasses;
        b.embedDims = embedDims.clone();
        b.backboneHeads = backboneHeads;
        b.mlpRatio = mlpRatio;
        b.stage3Blocks = stage3Blocks;
        b.stage4Blocks = stage4Blocks;
        b.pixelDim = pixelDim;
        b.encoderLayers = encoderLayers;
        b.encoderFfn = encoderFfn;
        b.dcnGroups = dcnGroups;
        b.dcnKernel = dcnKernel;
        b.decoderLayers = decoderLayers;
        b.decoderHeads = decoderHeads;
        b.decoderFfn = decoderFfn;
        b.numQueries = numQueries;
        b.spikeLevels = spikeLevels;
        b.headAlpha = headAlpha;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spike2FormerConfig && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "%s(classes=%d, dims=%s, heads=%d, mlp=%d, blocks=%d/%d, pixel=%d, enc=%dx%d, dcn=%dg k%d,"
                        + " dec=%dx%d h%d, queries=%d, D=%d, alpha=%s)",
                name, numClasses, Arrays.toString(embedDims), backboneHeads, mlpRatio, stage3Blocks,
                stage4Blocks, pixelDim, encoderLayers, encoderFfn, dcnGroups, dcnKernel, decoderLayers,
                decoderFfn, decoderHeads, numQueries, spikeLevels, headAlpha);
    }

    /** Builder with the official ADE20K values as defaults. */
    public static final class Builder {
        private String name = "custom";
        private int numClasses = 150;
        private int[] embedDims = {64, 128, 256, 360};
        private int backboneHeads = 8;
        private int mlpRatio = 4;
        private int stage3Blocks = 6;
        private int stage4Blocks = 2;
        private int pixelDim = 256;
        private int encoderLayers = 6;
        private int encoderFfn = 1024;
        private int dcnGroups = 32;
        private int dcnKernel = 5;
        private int decoderLayers = 6;
        private int decoderHeads = 8;
        private int decoderFfn = 2048;
        private int numQueries = 100;
        private int spikeLevels = 8;
        private float headAlpha = 4f;

        public Builder name(String v) { name = v; return this; }
        public Builder numClasses(int v) { numClasses = v; return this; }
        public Builder embedDims(int... v) { embedDims = v.clone(); return this; }
        public Builder backboneHeads(int v) { backboneHeads = v; return this; }
        public Builder mlpRatio(int v) { mlpRatio = v; return this; }
        public Builder stage3Blocks(int v) { stage3Blocks = v; return this; }
        public Builder stage4Blocks(int v) { stage4Blocks = v; return this; }
        public Builder pixelDim(int v) { pixelDim = v; return this; }
        public Builder encoderLayers(int v) { encoderLayers = v; return this; }
        public Builder encoderFfn(int v) { encoderFfn = v; return this; }
        public Builder dcnGroups(int v) { dcnGroups = v; return this; }
        public Builder dcnKernel(int v) { dcnKernel = v; return this; }
        public Builder decoderLayers(int v) { decoderLayers = v; return this; }
        public Builder decoderHeads(int v) { decoderHeads = v; return this; }
        public Builder decoderFfn(int v) { decoderFfn = v; return this; }
        public Builder numQueries(int v) { numQueries = v; return this; }
        public Builder spikeLevels(int v) { spikeLevels = v; return this; }
        public Builder headAlpha(float v) { headAlpha = v; return this; }

        /**
         * Validates and builds.
         *
         * @return the configuration
         * @throws IllegalArgumentException naming the first inconsistent value and how to fix it
         */
        public Spike2FormerConfig build() {
            check(name != null && !name.isBlank(), "name must not be blank");
            check(numClasses >= 1, "numClasses must be at least 1, got " + numClasses);
            check(embedDims.length == 4, "embedDims needs 4 stage widths, got " + embedDims.length);
            check(embedDims[0] % 2 == 0, "embedDims[0] must be even (stage 1 uses half of it)");
            for (int d : embedDims) {
                check(d > 0, "embedDims must be positive: " + Arrays.toString(embedDims));
            }
            check(embedDims[2] % backboneHeads == 0 && embedDims[3] % backboneHeads == 0,
                    "embedDims[2] and embedDims[3] must be divisible by backboneHeads=" + backboneHeads);
            check(mlpRatio >= 1, "mlpRatio must be at least 1");
            check(stage3Blocks >= 1 && stage4Blocks >= 1, "stage3Blocks and stage4Blocks must be >= 1");
            check(pixelDim > 0 && pixelDim % dcnGroups == 0,
                    "pixelDim (" + pixelDim + ") must be divisible by dcnGroups (" + dcnGroups + ")");
            check(pixelDim % decoderHeads == 0,
                    "pixelDim (" + pixelDim + ") must be divisible by decoderHeads (" + decoderHeads + ")");
            check(pixelDim % 2 == 0, "pixelDim must be even (sine positional encoding halves it)");
            check(encoderLayers >= 0 && decoderLayers >= 1, "need encoderLayers >= 0 and decoderLayers >= 1");
            check(dcnKernel % 2 == 1, "dcnKernel must be odd, got " + dcnKernel);
            check(encoderFfn > 0 && decoderFfn > 0 && numQueries > 0, "widths and numQueries must be > 0");
            check(spikeLevels >= 1, "spikeLevels (D) must be at least 1, got " + spikeLevels);
            check(headAlpha > 0, "headAlpha must be positive");
            return new Spike2FormerConfig(name, numClasses, embedDims, backboneHeads, mlpRatio, stage3Blocks,
                    stage4Blocks, pixelDim, encoderLayers, encoderFfn, dcnGroups, dcnKernel, decoderLayers,
                    decoderHeads, decoderFfn, numQueries, spikeLevels, headAlpha);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
