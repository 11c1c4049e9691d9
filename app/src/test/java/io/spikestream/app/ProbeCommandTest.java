package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.monitor.Check;
import io.spikestream.monitor.MonitorRegistry;
import io.spikestream.monitor.MonitorServer;
import org.junit.jupiter.api.Test;

class ProbeCommandTest {

    @Test
    void exitsZeroOnAPassingCheckAndOneOnAFailingOneOrNoServer() throws Exception {
        try (MonitorRegistry metrics = new MonitorRegistry();
                MonitorServer server = MonitorServer.start(MonitorServer.DEFAULT_HOST, 0, metrics)
                        .addLiveness(() -> Check.up("process", "serving"))
                        .addReadiness(() -> Check.down("streams", "state REBALANCING"))) {
            CliRunner.Run health = CliRunner.run("probe", server.uri().resolve("/health").toString());
            assertEquals(0, health.exitCode(), health.err());
            assertTrue(health.out().contains("\"status\":\"UP\""), health.out());

            CliRunner.Run ready = CliRunner.run("probe", server.uri().resolve("/ready").toString());
            assertEquals(1, ready.exitCode());
            assertTrue(ready.err().contains("answered 503") && ready.err().contains("state REBALANCING"), ready.err());
        }
        CliRunner.Run gone = CliRunner.run("probe", "--timeout", "PT2S", "http://127.0.0.1:1/health");
        assertEquals(1, gone.exitCode());
        assertTrue(gone.err().contains("not reachable"), gone.err());
    }
}
