package io.spikestream.inference.service;

import io.spikestream.schemas.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates missing topics with their specs' configs ({@code max.message.bytes}); existing ones are left alone. */
final class TopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);
    private static final long TIMEOUT_SECONDS = 30;

    private TopicCreator() {}

    /**
     * Creates the topics that do not exist yet.
     *
     * @param admin the admin client
     * @param specs the topics
     * @param partitions partitions of new topics
     * @param replication replication factor of new topics
     * @throws InterruptedException when interrupted while waiting for the broker
     */
    static void createMissing(Admin admin, List<TopicSpec<?>> specs, int partitions, short replication)
            throws InterruptedException {
        Set<String> existing = await(admin.listTopics().names());
        List<NewTopic> missing = new ArrayList<>();
        for (TopicSpec<?> spec : specs) {
            if (!existing.contains(spec.name())) {
                missing.add(new NewTopic(spec.name(), partitions, replication).configs(spec.topicConfigs()));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            await(admin.createTopics(missing).all());
            LOG.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            LOG.info("Topics were created concurrently: {}", e.getCause().getMessage());
        }
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Topic administration failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No answer from the Kafka brokers within " + TIMEOUT_SECONDS
                    + " s; check bootstrap.servers", e);
        }
    }
}
