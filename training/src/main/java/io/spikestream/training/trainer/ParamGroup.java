package io.spikestream.training.trainer;

/**
 * The official {@code paramwise_cfg} ({@code SDTv2_maskformer_DCNPixelDecoder_CityScapes.py:139-154}): mmengine's
 * {@code DefaultOptimWrapperConstructor} with only {@code custom_keys}, matched as substrings of the parameter
 * path (longest key first):
 *
 * <ul>
 *   <li>{@code backbone}: lr x 0.1, decay x 1.0;
 *   <li>{@code query_embed}, {@code query_feat}, {@code level_embed}: lr x 1.0, decay x 0;
 *   <li>everything else, norms and biases included: lr x 1, decay x 1 (the config sets no
 *       {@code norm_decay_mult} / {@code bias_decay_mult}; its {@code backbone_norm_multi} is never used).
 * </ul>
 *
 * @param lrMult learning-rate multiplier
 * @param decayMult weight-decay multiplier
 */
public record ParamGroup(double lrMult, double decayMult) {

    private static final String[] NO_DECAY = {"query_embed", "query_feat", "level_embed"};

    /**
     * The group of a parameter.
     *
     * @param path official state_dict key, e.g. {@code decode_head.query_feat.weight}
     * @param backboneLrMult lr multiplier of the backbone (0.1)
     * @return its multipliers
     */
    public static ParamGroup of(String path, double backboneLrMult) {
        for (String key : NO_DECAY) {
            if (path.contains(key)) {
                return new ParamGroup(1.0, 0.0);
            }
        }
        return path.contains("backbone") ? new ParamGroup(backboneLrMult, 1.0) : new ParamGroup(1.0, 1.0);
    }
}
