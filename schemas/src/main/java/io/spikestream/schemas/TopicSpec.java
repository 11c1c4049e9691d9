package io.spikestream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A topic and the Avro record type of its values. Keys are always the camera id as a UTF-8 string.
 *
 * @param name the topic name (Kafka rules: 1-249 characters from {@code [a-zA-Z0-9._-]})
 * @param valueType the generated record class of the values
 * @param maxMessageBytes the {@code max.message.bytes} the topic should be created with; frames are
 *     far above Kafka's 1 MB default, so broker, topic, producer ({@code max.request.size}) and
 *     consumer ({@code max.partition.fetch.bytes}) limits have to be raised together
 * @param <V> the value type
 */
public record TopicSpec<V extends SpecificRecord>(
        String name, Class<V> valueType, int maxMessageBytes) {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** Validates the components; names are checked with Kafka's topic-name rules. */
    public TopicSpec {
        Objects.requireNonNull(valueType, "valueType");
        requireLegalName(name);
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException(
                    "maxMessageBytes of topic " + name + " must be positive: " + maxMessageBytes);
        }
    }

    /** Checks a topic name against Kafka's rules; returns it unchanged. */
    static String requireLegalName(String name) {
        if (name == null
                || !LEGAL_NAME.matcher(name).matches()
                || ".".equals(name)
                || "..".equals(name)) {
            throw new IllegalArgumentException(
                    "Illegal topic name '"
                            + name
                            + "': use 1-249 characters from [a-zA-Z0-9._-], not '.' or '..'");
        }
        return name;
    }

    /** Returns this spec under another name. */
    public TopicSpec<V> withName(String newName) {
        return new TopicSpec<>(newName, valueType, maxMessageBytes);
    }

    /** Returns this spec with {@code prefix} put in front of the name, e.g. {@code "staging."}. */
    public TopicSpec<V> withPrefix(String prefix) {
        return withName(prefix + name);
    }

    /** The key type: the camera id. */
    public Class<String> keyType() {
        return String.class;
    }

    /** The current (reader) schema of the values. */
    public Schema valueSchema() {
        return SpecificData.getForClass(valueType).getSchema(valueType);
    }

    /**
     * The schema-registry subject of the values ({@code TopicNameStrategy}: {@code <topic>-value}).
     */
    public String valueSubject() {
        return name + "-value";
    }

    /** Topic-level configs to create the topic with. */
    public Map<String, String> topicConfigs() {
        return Map.of("max.message.bytes", Integer.toString(maxMessageBytes));
    }
}
