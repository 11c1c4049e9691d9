package io.spikestream.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CameraKindTest {

    @Test
    void shouldParseNamesWhenCaseAndBlanksDiffer() {
        assertEquals(CameraKind.FIXED, CameraKind.parse("fixed"));
        assertEquals(CameraKind.FIXED, CameraKind.parse(" FIXED "));
        assertEquals(CameraKind.DRIVING, CameraKind.parse("Driving"));
        assertEquals("fixed", CameraKind.FIXED.label());
    }

    @Test
    void shouldNameAllowedValuesWhenKindIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CameraKind.parse("foo"));
        assertTrue(e.getMessage().contains("'foo'") && e.getMessage().contains("driving, fixed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CameraKind.parse(null));
    }

    @Test
    void shouldRejectMissingKindWhenBuilding() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> SceneGenerator.builder().setSeed(1).optCamera(null).build());
        assertTrue(e.getMessage().contains("driving, fixed"), e.getMessage());
    }
}
