package io.spikestream.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
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

    @Test
    void shouldUseThePerProcessFolderUnlessStateDirIsSet() {
        Map<String, Object> defaults = new SinkConfig(Map.of("bootstrap.servers", "localhost:9092",
                "output.dir", "out")).streamsProperties(new SinkMetrics());
        assertTrue(defaults.get(StreamsConfig.STATE_DIR_CONFIG).toString()
                .endsWith("-" + ProcessHandle.current().pid()), defaults.toString());
        Map<String, Object> set = new SinkConfig(Map.of("bootstrap.servers", "localhost:9092", "output.dir", "out",
                "state.dir", "/var/lib/spikestream")).streamsProperties(new SinkMetrics());
        assertEquals("/var/lib/spikestream", set.get(StreamsConfig.STATE_DIR_CONFIG));
    }
}
