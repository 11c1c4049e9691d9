package io.spikestream.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CityscapesTest {

    @Test
    void shouldMatchOfficialTableWhenSpotChecked() {
        assertEquals("road", Cityscapes.name(0));
        assertEquals(7, Cityscapes.labelIdOf(Cityscapes.ROAD));
        assertEquals(0x804080, Cityscapes.color(Cityscapes.ROAD));
        assertEquals("traffic light", Cityscapes.name(6));
        assertEquals(19, Cityscapes.labelIdOf(Cityscapes.TRAFFIC_LIGHT));
        assertEquals(0xFAAA1E, Cityscapes.color(Cityscapes.TRAFFIC_LIGHT));
        assertEquals(23, Cityscapes.labelIdOf(Cityscapes.SKY));
        assertEquals(0x4682B4, Cityscapes.color(Cityscapes.SKY));
        assertEquals(31, Cityscapes.labelIdOf(Cityscapes.TRAIN));
        assertEquals(0x005064, Cityscapes.color(Cityscapes.TRAIN));
        assertEquals("bicycle", Cityscapes.name(18));
        assertEquals(33, Cityscapes.labelIdOf(Cityscapes.BICYCLE));
        assertEquals(0x770B20, Cityscapes.color(Cityscapes.BICYCLE));
    }

    @Test
    void shouldMapTrainIdsToLabelIdsLikeLabelsPyWhenAllClassesConverted() {
        int[] expected = {7, 8, 11, 12, 13, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33};
        for (int t = 0; t < Cityscapes.NUM_CLASSES; t++) {
            assertEquals(expected[t], Cityscapes.labelIdOf(t), "trainId " + t);
        }
    }

    @Test
    void shouldBeBijectionWhenRoundTrippingTheNineteenClasses() {
        Set<Integer> labelIds = new HashSet<>();
        Set<Integer> colors = new HashSet<>();
        for (int t = 0; t < Cityscapes.NUM_CLASSES; t++) {
            assertEquals(t, Cityscapes.trainIdOf(Cityscapes.labelIdOf(t)));
            labelIds.add(Cityscapes.labelIdOf(t));
            colors.add(Cityscapes.color(t));
        }
        assertEquals(19, labelIds.size());
        assertEquals(19, colors.size());
    }

    @Test
    void shouldIgnoreClassesNotEvaluatedWhenConvertingLabelIds() {
        for (int labelId : new int[] {-1, 0, 1, 2, 3, 4, 5, 6, 9, 10, 14, 15, 16, 18, 29, 30}) {
            assertEquals(Cityscapes.IGNORE, Cityscapes.trainIdOf(labelId), "labelId " + labelId);
        }
        assertEquals(0, Cityscapes.labelIdOf(Cityscapes.IGNORE));
        assertEquals(0, Cityscapes.color(Cityscapes.IGNORE));
    }

    @Test
    void shouldMapEveryByteLikeTrainIdOfWhenConvertingLabelImagesInPlace() {
        byte[] map = new byte[256];
        for (int i = 0; i < map.length; i++) {
            map[i] = (byte) i;
        }
        Cityscapes.toTrainIdsInPlace(map);
        for (int id = 0; id < map.length; id++) {
            int expected = id < Cityscapes.NUM_LABEL_IDS ? Cityscapes.trainIdOf(id) : Cityscapes.IGNORE;
            assertEquals(expected, map[id] & 0xFF, "labelId " + id);
        }
        assertEquals(Cityscapes.BICYCLE, map[33]);
        assertEquals(Cityscapes.ROAD, map[7]);
    }

    @Test
    void shouldMarkInstanceClassesWhenAsked() {
        assertTrue(Cityscapes.hasInstances(Cityscapes.PERSON));
        assertTrue(Cityscapes.hasInstances(Cityscapes.BICYCLE));
        assertFalse(Cityscapes.hasInstances(Cityscapes.POLE));
        assertFalse(Cityscapes.hasInstances(Cityscapes.IGNORE));
    }

    @Test
    void shouldRejectOutOfRangeIdsWhenLookingUp() {
        assertThrows(IllegalArgumentException.class, () -> Cityscapes.labelIdOf(19));
        assertThrows(IllegalArgumentException.class, () -> Cityscapes.trainIdOf(34));
    }
}
