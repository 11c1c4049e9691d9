package io.spikestream.sink.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class CameraDirectoryNameTest {

    /** Ids that must not escape the output root nor collide (also used by the topology test). */
    public static final List<String> DANGEROUS = List.of("../x", "/abs", "a/b", "a_b", "..", ".", "", "NUL", "nul.txt",
            "\u0000", "a\u0000b", "c:\\windows", "a\\b", "\n", "Kamera-Straße", "摄像头1", "Cam", "cam",
            "x".repeat(5000), "x".repeat(5000) + "y", "-rf", ".hidden", "a~0123456789abcdef", "trailing.");

    @Test
    void shouldKeepSafeIdsWhenTheyNeedNoChange() {
        assertEquals("cam-01.front_left", CameraDirectoryName.of("cam-01.front_left"));
    }

    @Test
    void shouldProduceSafeNamesWhenIdsAreDangerous() {
        for (String id : DANGEROUS) {
            String name = CameraDirectoryName.of(id);
            assertTrue(name.matches("[A-Za-z0-9._~-]{1,81}"), () -> "unsafe name " + name);
            assertFalse(name.startsWith(".") || name.startsWith("-"), name);
            assertFalse(name.equalsIgnoreCase("nul"), name);
        }
    }

    @Test
    void shouldNotCollideWhenIdsDifferEvenIgnoringCase() {
        Set<String> names = new HashSet<>();
        for (String id : DANGEROUS) {
            assertTrue(names.add(CameraDirectoryName.of(id).toLowerCase(Locale.ROOT)), () -> "collision for " + id);
        }
    }

    @Test
    void shouldStayInsideRootWhenResolvingDangerousIds(@TempDir Path tmp) throws Exception {
        OutputLayout layout = new OutputLayout(tmp.resolve("out"));
        for (String id : DANGEROUS) {
            Path mask = layout.maskFile(id, 3);
            assertTrue(mask.normalize().startsWith(layout.root()), mask::toString);
            assertEquals(layout.root(), layout.cameraDir(id).getParent());
        }
        try (var dirs = Files.list(layout.root())) {
            assertEquals(DANGEROUS.size(), dirs.count());
        }
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void shouldRefuseCameraDirWhenItIsASymlinkOutOfRoot(@TempDir Path tmp) throws Exception {
        OutputLayout layout = new OutputLayout(tmp.resolve("out"));
        Files.createDirectories(layout.root());
        Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(layout.root().resolve("cam"), tmp.resolve("elsewhere"));
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> layout.cameraDir("cam")).getMessage().contains("outside"));
    }
}
