package io.spikestream.app;

import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.SegmentationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer thread recording every committed result on the results topic, from its beginning, as it arrives (the
 * benches' view of when a frame's result existed).
 */
final class ResultArrivals implements AutoCloseable {

    private static final long TOPIC_POLL_MILLIS = 200;

    private final List<OverloadReport.Arrival> seen = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    ResultArrivals(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        thread = new Thread(() -> consume(props), "bench-results");
        thread.setDaemon(true);
        thread.start();
    }

    private void consume(Map<String, Object> props) {
        try (KafkaConsumer<String, SegmentationResult> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                SerdeFactory.singleObject().valueSerde(Topics.RESULTS).deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (running.get() && partitions.isEmpty()) {
                consumer.listTopics(Duration.ofSeconds(5)).getOrDefault(Topics.RESULTS.name(), List.of())
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                if (partitions.isEmpty()) {
                    // the topic comes with the inference stage; asking again at once would keep a core and the
                    // broker busy while the bench measures the bare model
                    Thread.sleep(TOPIC_POLL_MILLIS);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, SegmentationResult> r : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(arrival(r.value()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OverloadReport.Arrival arrival(SegmentationResult r) {
        return new OverloadReport.Arrival(r.getCameraId(), r.getSequence(), r.getCaptureTime().toEpochMilli(),
                System.currentTimeMillis(), r.getSkipped() == null ? null : r.getSkipped().getReason().name());
    }

    /**
     * Waits until {@code count} results arrived since the last {@link #clear()}.
     *
     * @param count results to wait for
     * @param timeout how long at most
     * @return the results, in arrival order
     * @throws TimeoutException when fewer arrived in time
     */
    List<OverloadReport.Arrival> awaitAll(long count, Duration timeout) throws InterruptedException,
            TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("only " + seen.size() + " of " + count + " results within " + timeout);
            }
            Thread.sleep(50);
        }
        return List.copyOf(seen);
    }

    /** Forgets the results seen so far. */
    void clear() {
        seen.clear();
    }

    /**
     * Results per second between the first and the last of {@code arrivals} (start-up before the first excluded).
     *
     * @param arrivals results in arrival order
     * @return the rate, 0 for fewer than two
     */
    static double rate(List<OverloadReport.Arrival> arrivals) {
        if (arrivals.size() < 2) {
            return 0;
        }
        long span = arrivals.get(arrivals.size() - 1).receivedMillis() - arrivals.get(0).receivedMillis();
        return (arrivals.size() - 1) * 1000.0 / Math.max(1, span);
    }

    /**
     * A generous bound for {@code count} results to arrive at {@code rate} results/s: that long, plus a minute.
     *
     * @param count results expected
     * @param rate results per second measured or expected
     * @return the timeout
     */
    static Duration drainTimeout(long count, double rate) {
        return Duration.ofSeconds((long) (count / Math.max(0.1, rate)) + 60);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
