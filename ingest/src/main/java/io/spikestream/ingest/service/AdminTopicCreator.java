package io.spikestream.ingest.service;

import io.spikestream.schemas.TopicSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing topics with Kafka's {@link Admin} client. An existing topic is left as it is (its
 * {@code max.message.bytes} is not checked).
 */
public final class AdminTopicCreator implements TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(AdminTopicCreator.class);

    private final Map<String, Object> adminConfigs;
    private final Optional<Integer> partitions;
    private final Optional<Short> replicationFactor;
    private final Duration timeout;

    /**
     * @param adminConfigs admin client settings (bootstrap servers, security)
     * @param partitions partitions of a created topic, empty for the broker default
     * @param replicationFactor replication factor of a created topic, empty for the broker default
     * @param timeout how long to wait for the brokers
     */
    public AdminTopicCreator(Map<String, Object> adminConfigs, Optional<Integer> partitions,
            Optional<Short> replicationFactor, Duration timeout) {
        this.adminConfigs = Map.copyOf(adminConfigs);
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    @Override
    public void ensureExists(TopicSpec<?> spec) throws IOException {
        NewTopic topic = new NewTopic(spec.name(), partitions, replicationFactor).configs(spec.topicConfigs());
        try (Admin admin = Admin.create(adminConfigs)) {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created topic {} with {}", spec.name(), spec.topicConfigs());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw failed(spec, e.getCause());
            }
            LOG.debug("Topic {} exists", spec.name());
        } catch (TimeoutException e) {
            throw failed(spec, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while creating topic " + spec.name());
        }
    }

    private IOException failed(TopicSpec<?> spec, Throwable cause) {
        return new IOException("Cannot create topic " + spec.name() + " on " + adminConfigs.get("bootstrap.servers")
                + " within " + timeout.toSeconds() + " s: " + cause + ". Check bootstrap.servers and the "
                + "brokers, or create the topic yourself (max.message.bytes=" + spec.maxMessageBytes()
                + ") and set topics.create=false", cause);
    }
}
