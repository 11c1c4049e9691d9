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
    private final BrokerConnectionWatch watch = new BrokerConnectionWatch("test", "b:9092", () -> metrics, clock::get);

    private void connections(String group, double count) {
        MetricName name = new MetricName("connection-count", group, "", Map.of());
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
        connections("consumer-metrics", 1);
        connections("producer-metrics", 0);
        watch.check();
        connections("consumer-metrics", 0);
        watch.check();
        assertFalse(watch.isDown(), "one check is not yet an outage");
        watch.check();
        assertTrue(watch.isDown());
        assertEquals(1, watch.outages());
    }

    @Test
    void shouldEndTheOutageWhenAnyClientIsConnectedAgain() {
        connections("consumer-metrics", 1);
        watch.check();
        connections("consumer-metrics", 0);
        watch.check();
        watch.check();
        watch.check();
        connections("producer-metrics", 2);
        watch.check();
        assertFalse(watch.isDown());
        assertEquals(1, watch.outages());
    }

    @Test
    void shouldNotReportAStageThatHasNotConnectedYet() {
        connections("producer-metrics", 0);
        watch.check();
        watch.check();
        watch.check();
        assertFalse(watch.isDown());
        assertEquals(0, watch.outages());
    }
}
