package io.spikestream.ingest.config;

import static io.spikestream.ingest.config.IngestConfig.CAMERA_RECONNECT_BACKOFF_MAX_MS_CONFIG;
import static io.spikestream.ingest.config.IngestConfig.CAMERA_RECONNECT_BACKOFF_MS_CONFIG;
import static io.spikestream.ingest.config.IngestConfig.KAFKA_PREFIX;
import static io.spikestream.ingest.config.IngestConfig.LOOP_CONFIG;
import static io.spikestream.ingest.config.IngestConfig.SOURCE_CONFIG;

import io.spikestream.ingest.publish.FramePublisherBuilder;
import io.spikestream.ingest.source.FrameSources;
import io.spikestream.schemas.Topics;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;

/** Cross-setting checks of {@link IngestConfig}; each failure says which setting to change and how. */
final class ConfigChecks {

    private ConfigChecks() {}

    static void check(Map<String, Object> parsed, Map<String, Object> kafka) {
        String source = ((String) parsed.get(SOURCE_CONFIG)).strip();
        checkSource(source);
        if ((Boolean) parsed.get(LOOP_CONFIG) && FrameSources.isCamera(source)) {
            throw new ConfigException(LOOP_CONFIG, true, "a camera (" + FrameSources.redactCredentials(source)
                    + ") cannot be looped; set loop=false, or record the camera to a file and loop that");
        }
        long initial = (Long) parsed.get(CAMERA_RECONNECT_BACKOFF_MS_CONFIG);
        long max = (Long) parsed.get(CAMERA_RECONNECT_BACKOFF_MAX_MS_CONFIG);
        if (initial > max) {
            throw new ConfigException(CAMERA_RECONNECT_BACKOFF_MAX_MS_CONFIG, max, "must be at least "
                    + CAMERA_RECONNECT_BACKOFF_MS_CONFIG + " (" + initial + "); raise it or lower the initial backoff");
        }
        checkKafka(kafka);
    }

    private static void checkSource(String source) {
        try {
            FrameSources.defaultName(source);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SOURCE_CONFIG, FrameSources.redactCredentials(source), e.getMessage());
        }
    }

    private static void checkKafka(Map<String, Object> kafka) {
        if (kafka.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new ConfigException(KAFKA_PREFIX + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG), "set " + IngestConfig.BOOTSTRAP_SERVERS_CONFIG
                            + " instead (without the kafka. prefix)");
        }
        try {
            FramePublisherBuilder.checkOverrides(kafka);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("kafka.* producer settings are invalid: " + e.getMessage()
                    .replace(": remove ", ": remove kafka."));
        }
        Object maxRequest = kafka.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (maxRequest != null) {
            checkMaxRequestSize(maxRequest);
        }
    }

    private static void checkMaxRequestSize(Object value) {
        String key = KAFKA_PREFIX + ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
        long bytes;
        try {
            bytes = Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "must be a number of bytes");
        }
        int topicLimit = Topics.FRAMES.maxMessageBytes();
        if (bytes < 1 || bytes > topicLimit) {
            throw new ConfigException(key, value, "must be in 1.." + topicLimit + ", the max.message.bytes the "
                    + "frames topic is created with (larger requests would be refused by the broker); remove it to "
                    + "use that limit");
        }
    }
}
