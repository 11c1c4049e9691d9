package io.spikestream.app.broker;

import com.yammer.metrics.core.Meter;
import com.yammer.metrics.core.Metric;
import com.yammer.metrics.core.MetricName;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;

/**
 * The embedded broker's traffic for Prometheus: the all-topics meters of {@code kafka.server:type=BrokerTopicMetrics}
 * as counters {@code spikestream_broker_messages_in_total}, {@code spikestream_broker_bytes_in_total} and
 * {@code spikestream_broker_bytes_out_total}. The broker keeps these meters in Kafka's Yammer registry, which
 * Micrometer has no binder for.
 */
public final class BrokerMeters {

    private static final Map<String, String> COUNTERS = Map.of(
            "MessagesInPerSec", "spikestream.broker.messages.in",
            "BytesInPerSec", "spikestream.broker.bytes.in",
            "BytesOutPerSec", "spikestream.broker.bytes.out");

    private BrokerMeters() {
    }

    /**
     * Registers the counters that the running broker has created.
     *
     * @return how many were registered (0 before the broker started)
     */
    public static int bindTo(MeterRegistry registry) {
        int bound = 0;
        for (Map.Entry<MetricName, Metric> entry : KafkaYammerMetrics.defaultRegistry().allMetrics().entrySet()) {
            MetricName name = entry.getKey();
            String counter = COUNTERS.get(name.getName());
            if (counter != null && name.getType().equals("BrokerTopicMetrics") && name.getScope() == null
                    && entry.getValue() instanceof Meter meter) {
                FunctionCounter.builder(counter, meter, Meter::count)
                        .description("All topics, since the broker started (kafka.server BrokerTopicMetrics "
                                + name.getName() + ")")
                        .register(registry);
                bound++;
            }
        }
        return bound;
    }
}
