package io.spikestream.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedWeightsTest {

    private static List<String> folders(Path root) throws Exception {
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldReuseOneCopyAcrossRunsAndRemoveWhatKilledRunsLeft(@TempDir Path root) throws Exception {
        Path legacy = Files.createDirectory(root.resolve("spikestream-weights4959173745935958476"));
        Files.writeString(legacy.resolve("tiny-cityscapes.params"), "old");
        Path killed = Files.createDirectory(root.resolve("spikestream-weights-partial-123"));
        Files.setLastModifiedTime(killed, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        Path fresh = Files.createDirectory(root.resolve("spikestream-weights-partial-456"));

        Path first = ShippedWeights.extract("tiny-cityscapes", root);
        Path second = ShippedWeights.extract("tiny-cityscapes", root);

        assertEquals(first, second, "a later run reuses the copy");
        assertTrue(Files.size(first) > 1_000_000, "the .params were copied");
        assertTrue(Files.isRegularFile(first.resolveSibling("tiny-cityscapes.properties")));
        assertTrue(first.getParent().getFileName().toString().matches("spikestream-weights-tiny-cityscapes-[0-9a-f]{16}"),
                first.toString());
        assertFalse(Files.exists(legacy), "per-JVM folders of earlier versions are removed");
        assertFalse(Files.exists(killed), "an abandoned half-written copy is removed");
        assertTrue(Files.exists(fresh), "a copy another JVM may still be writing is left alone");
        assertEquals(List.of(fresh.getFileName().toString(), first.getParent().getFileName().toString()),
                folders(root));
    }
}
