package io.spikestream.inference.runtime.checkpoint;

import io.spikestream.inference.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class OfficialKeyListTest {

    private static OfficialKeyList read(String name) throws IOException {
        try (InputStream in = Files.newInputStream(Fixtures.path(name))) {
            return OfficialKeyList.parse(in);
        }
    }

    @Test
    void shouldCountOfficialAde20kParametersWhenListParses() throws IOException {
        OfficialKeyList ade = read("official-keys-ade20k.tsv");

        assertEquals(1860, ade.shapes().size());
        assertArrayEquals(new long[] {32, 3, 7, 7}, ade.shapes().get("backbone.downsample1_1.encode_conv.weight"));
        assertArrayEquals(new long[] {151, 256}, ade.shapes().get("decode_head.cls_embed.weight"));
        assertArrayEquals(new long[0], ade.shapes().get("backbone.downsample1_1.encode_bn.num_batches_tracked"));
        assertEquals(34_361_112L, ade.learnableCount());
        assertTrue(ade.header().contains("total=34361112"), ade.header());
    }

    @Test
    void shouldDifferOnlyInClassHeadWhenDatasetsDiffer() throws IOException {
        OfficialKeyList city = read("official-keys-cityscapes.tsv");
        OfficialKeyList voc = read("official-keys-voc.tsv");

        assertArrayEquals(new long[] {20, 256}, city.shapes().get("decode_head.cls_embed.weight"));
        // the released VOC config keeps num_classes=150
        assertArrayEquals(new long[] {151, 256}, voc.shapes().get("decode_head.cls_embed.weight"));
        assertEquals(34_327_445L, city.learnableCount());
        assertEquals(city.shapes().keySet(), voc.shapes().keySet());
    }

    @Test
    void shouldRejectLineWhenShapeIsMalformed() {
        byte[] text = "# header\na.weight\t3,x\n".getBytes(StandardCharsets.UTF_8);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OfficialKeyList.parse(new ByteArrayInputStream(text)));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
