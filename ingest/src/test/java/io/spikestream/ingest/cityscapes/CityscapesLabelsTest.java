package io.spikestream.ingest.cityscapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CityscapesLabelsTest {

    @Test
    void shouldMapTheNineteenEvaluatedLabelIdsToTrainIdsInOrder() {
        int[] labelIdOfTrainId = {7, 8, 11, 12, 13, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33};
        assertArrayEquals(IntStream.range(0, 19).toArray(),
                IntStream.of(labelIdOfTrainId).map(CityscapesLabels::trainIdOf).toArray());
        long ignored = IntStream.range(0, CityscapesLabels.LABEL_IDS)
                .filter(id -> CityscapesLabels.trainIdOf(id) == CityscapesLabels.IGNORE).count();
        assertEquals(34 - 19, ignored);
    }

    @Test
    void shouldIgnoreLicensePlateAndUnknownIds() {
        assertEquals(255, CityscapesLabels.trainIdOf(-1));
        assertEquals(255, CityscapesLabels.trainIdOf(34));
        byte[] map = {7, 33, (byte) 255, 0, 29};
        CityscapesLabels.toTrainIdsInPlace(map);
        assertArrayEquals(new byte[] {0, 18, (byte) 255, (byte) 255, (byte) 255}, map);
    }

    @Test
    void shouldParseAndOrderCityscapesNames() {
        CityscapesFileName a = CityscapesFileName.parseImage("frankfurt_000000_000500_leftImg8bit.png").orElseThrow();
        CityscapesFileName b = CityscapesFileName.parseImage("frankfurt_000001_000000_leftImg8bit.png").orElseThrow();
        assertEquals("frankfurt", a.city());
        assertEquals(500, a.frame());
        assertTrue(a.compareTo(b) < 0);
        assertEquals("frankfurt_000000_000500_gtFine_labelTrainIds.png", a.trainIdsName());
        assertTrue(CityscapesFileName.parseImage("frankfurt_000000_000500_gtFine_labelIds.png").isEmpty());
    }
}
