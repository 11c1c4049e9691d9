package io.spikestream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStateDirectoryTest {

    @Test
    void shouldGiveThisProcessItsOwnFolderAndRemoveThoseOfDeadProcesses(@TempDir Path root) throws Exception {
        long self = ProcessHandle.current().pid();
        // a pid far above any live one stands for a killed run
        Path dead = Files.createDirectories(root.resolve("spikestream-state-spikestream-sink-999999999/0_0"));
        Path alive = Files.createDirectories(root.resolve("spikestream-state-other-" + self));

        Path dir = RunStateDirectory.create(root, "spikestream sink", self);

        assertEquals(root.resolve("spikestream-state-spikestream_sink-" + self), dir);
        assertTrue(Files.isDirectory(dir));
        assertFalse(Files.exists(dead.getParent()), "a killed run's folder is removed");
        assertTrue(Files.exists(alive), "a running process's folder is kept");
    }
}
