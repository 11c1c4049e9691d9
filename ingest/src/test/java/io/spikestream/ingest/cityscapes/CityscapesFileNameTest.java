package io.spikestream.ingest.cityscapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CityscapesFileNameTest {

    @Test
    void shouldParseAndOrderCityscapesNames() {
        CityscapesFileName a = CityscapesFileName.parseImage("frankfurt_000000_000500_leftImg8bit.png").orElseThrow();
        CityscapesFileName b = CityscapesFileName.parseImage("frankfurt_000001_000000_leftImg8bit.png").orElseThrow();
        assertEquals("frankfurt", a.city());
        assertEquals(500, a.frame());
        assertTrue(a.compareTo(b) < 0);
        assertEquals("frankfurt_000000_000500_gtFine_labelTrainIds.png", a.trainIdsName());
        assertEquals("frankfurt_000000_000500_gtFine_labelIds.png", a.labelIdsName());
        assertTrue(CityscapesFileName.parseImage("frankfurt_000000_000500_gtFine_labelIds.png").isEmpty());
    }
}
