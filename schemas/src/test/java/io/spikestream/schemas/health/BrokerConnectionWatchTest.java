package io.spikestream.schemas.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class BrokerConnectionWatchTest {

    private final Map<MetricName, Metric> metrics = new HashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private final BrokerConnectionWatch watch = new BrokerConnectionWatch("test", "b:9092", () -> metrics,
            BrokerConnectionWatch.STREAM_THREAD_CLIENTS, clock::get);

    private void connections(String client, double count) {
        MetricName name = new MetricName("connection-count", "client-metrics", "", Map.of("client-id", client));
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return count;
            }
        });
    }

    @Test
    void shouldReportAnOutageAfterTwoChecksWithoutAnyConnection() {
        connections("app-StreamThread-1-consumer", 1);
        connections("app-StreamThread-2-producer", 0);
        watch.check();
        connections("app-StreamThread-1-consumer", 0);
        watch.check();
        assertFalse(watch.isDown(), "one check is not yet an outage");
        watch.check();
        assertTrue(watch.isDown());
        assertEquals(1, watch.outages());
    }

    @Test
    void shouldBeConnectedFromTheFirstConnectionUntilAnOutageIsReported() {
        connections("app-StreamThread-1-consumer", 0);
        watch.check();
        assertFalse(watch.connected(), "never connected yet");
        connections("app-StreamThread-1-consumer", 1);
        watch.check();
        assertTrue(watch.connected());
        connections("app-StreamThread-1-consumer", 0);
        watch.check();
        watch.check();
        assertFalse(watch.connected());
        connections("app-StreamThread-1-consumer", 1);
        watch.check();
        assertTrue(watch.connected());
    }

    @Test
    void shouldDateTheOutageFromTheFirstCheckWithoutAConnection() {
        connections("app-StreamThread-1-consumer", 1);
        watch.check();
        connections("app-StreamThread-1-consumer", 0);
        clock.set(1_000);
        watch.check();
        clock.set(2_000);
        watch.check();
        assertEquals(1_000, watch.downSince());
    }

    @Test
    void shouldEndTheOutageWhenAnyClientIsConnectedAgain() {
        connections("app-StreamThread-1-consumer", 1);
        watch.check();
        connections("app-StreamThread-1-consumer", 0);
        watch.check();
        watch.check();
        watch.check();
        connections("app-StreamThread-2-producer", 2);
        watch.check();
        assertFalse(watch.isDown());
        assertEquals(1, watch.outages());
    }

    @Test
    void shouldIgnoreAnIdleRestoreConsumerThatHasNotNoticedTheOutage() {
        connections("app-StreamThread-1-consumer", 1);
        connections("app-StateUpdater-1-restore-consumer", 2);
        watch.check();
        connections("app-StreamThread-1-consumer", 0);
        watch.check();
        watch.check();
        assertTrue(watch.isDown());
    }

    @Test
    void shouldNotReportAStageThatHasNotConnectedYet() {
        connections("app-StreamThread-2-producer", 0);
        watch.check();
        watch.check();
        watch.check();
        assertFalse(watch.isDown());
        assertEquals(0, watch.outages());
    }
}
