package io.spikestream.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class SinkStateDirectoryTest {

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
