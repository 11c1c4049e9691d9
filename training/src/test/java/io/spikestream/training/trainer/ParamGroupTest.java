package io.spikestream.training.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ParamGroupTest {

    @Test
    void shouldApplyOfficialCustomKeysWhenGivenStateDictPaths() {
        assertEquals(new ParamGroup(0.1, 1.0), ParamGroup.of("backbone.downsample1_1.encode_conv.weight", 0.1));
        assertEquals(new ParamGroup(0.1, 1.0), ParamGroup.of("backbone.block3.0.attn.q_conv.1.bias", 0.1));
        assertEquals(new ParamGroup(1.0, 0.0), ParamGroup.of("decode_head.query_feat.weight", 0.1));
        assertEquals(new ParamGroup(1.0, 0.0), ParamGroup.of("decode_head.query_embed.weight", 0.1));
        assertEquals(new ParamGroup(1.0, 0.0), ParamGroup.of("decode_head.level_embed.weight", 0.1));
        assertEquals(new ParamGroup(1.0, 1.0), ParamGroup.of("decode_head.shortcut_conv.1.bias", 0.1));
    }
}
