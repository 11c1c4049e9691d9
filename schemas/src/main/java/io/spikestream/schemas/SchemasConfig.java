package io.spikestream.schemas;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * Topic names and value encoding shared by every Kafka-facing component.
 *
 * <p>Component configs include these keys with {@link #define(ConfigDef)} and pass their parsed
 * originals to {@link #SchemasConfig(Map)}; {@link Topics#from(SchemasConfig)} and {@link
 * SerdeFactory#from(SchemasConfig)} read them.
 */
public final class SchemasConfig extends AbstractConfig {

    public static final String TOPIC_PREFIX_CONFIG = "topics.prefix";
    private static final String TOPIC_PREFIX_DOC =
            "Put in front of every default topic name, e.g. 'staging.'. Explicit names are not"
                    + " prefixed.";

    public static final String FRAMES_TOPIC_CONFIG = "topics.frames";
    public static final String RESULTS_TOPIC_CONFIG = "topics.results";
    public static final String STATS_TOPIC_CONFIG = "topics.stats";
    public static final String DEAD_LETTERS_TOPIC_CONFIG = "topics.dlq";
    public static final String RESULT_DEAD_LETTERS_TOPIC_CONFIG = "topics.results.dlq";
    private static final String TOPIC_DOC =
            "Explicit name of the %s topic; default: topics.prefix + '%s'.";

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC =
            "Base URL of a Confluent-compatible schema registry. When set, values use the Confluent"
                + " wire format (0x00, 4-byte schema id, Avro binary); when empty, Avro"
                + " single-object encoding (0xC3 0x01, 8-byte schema fingerprint, Avro binary) with"
                + " no registry.";

    public static final String SCHEMA_REGISTRY_USER_INFO_CONFIG =
            "schema.registry.basic.auth.user.info";
    private static final String SCHEMA_REGISTRY_USER_INFO_DOC =
            "Optional 'user:password' for HTTP basic authentication against the schema registry.";

    public static final String SCHEMA_REGISTRY_TIMEOUT_MS_CONFIG = "schema.registry.timeout.ms";
    private static final String SCHEMA_REGISTRY_TIMEOUT_MS_DOC =
            "Connect and request timeout of each schema-registry call, in milliseconds.";

    private static final ConfigDef CONFIG = define(new ConfigDef());

    /** Parses and validates {@code originals}; unknown keys are ignored. */
    public SchemasConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
    }

    /** Adds this config's keys to {@code def} (for component configs) and returns it. */
    public static ConfigDef define(ConfigDef def) {
        def.define(TOPIC_PREFIX_CONFIG, Type.STRING, "", Importance.MEDIUM, TOPIC_PREFIX_DOC);
        defineTopic(def, FRAMES_TOPIC_CONFIG, "frames", Topics.FRAMES);
        defineTopic(def, RESULTS_TOPIC_CONFIG, "results", Topics.RESULTS);
        defineTopic(def, STATS_TOPIC_CONFIG, "statistics", Topics.STATS);
        defineTopic(def, DEAD_LETTERS_TOPIC_CONFIG, "frame dead-letter", Topics.DEAD_LETTERS);
        defineTopic(def, RESULT_DEAD_LETTERS_TOPIC_CONFIG, "result dead-letter", Topics.RESULT_DEAD_LETTERS);
        def.define(
                SCHEMA_REGISTRY_URL_CONFIG,
                Type.STRING,
                "",
                SchemasConfig::validateUrl,
                Importance.HIGH,
                SCHEMA_REGISTRY_URL_DOC);
        def.define(
                SCHEMA_REGISTRY_USER_INFO_CONFIG,
                Type.PASSWORD,
                null,
                Importance.LOW,
                SCHEMA_REGISTRY_USER_INFO_DOC);
        def.define(
                SCHEMA_REGISTRY_TIMEOUT_MS_CONFIG,
                Type.INT,
                10_000,
                Range.atLeast(1),
                Importance.LOW,
                SCHEMA_REGISTRY_TIMEOUT_MS_DOC);
        return def;
    }

    /** A copy of the definition, e.g. to print with {@code toRst()}. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** The registry base URL, or empty for registry-less single-object encoding. */
    public Optional<URI> schemaRegistryUrl() {
        String url = getString(SCHEMA_REGISTRY_URL_CONFIG).trim();
        return url.isEmpty() ? Optional.empty() : Optional.of(URI.create(url));
    }

    /** The basic-auth {@code user:password}, if configured. */
    public Optional<String> schemaRegistryUserInfo() {
        Password password = getPassword(SCHEMA_REGISTRY_USER_INFO_CONFIG);
        return Optional.ofNullable(password).map(Password::value);
    }

    private static void defineTopic(ConfigDef def, String key, String what, TopicSpec<?> spec) {
        def.define(
                key,
                Type.STRING,
                null,
                SchemasConfig::validateTopic,
                Importance.MEDIUM,
                String.format(TOPIC_DOC, what, spec.name()));
    }

    private static void validateTopic(String key, Object value) {
        if (value == null) {
            return;
        }
        try {
            TopicSpec.requireLegalName((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }

    private static void validateUrl(String key, Object value) {
        String url = ((String) value).trim();
        if (url.isEmpty()) {
            return;
        }
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new ConfigException(
                        key, value, "expected an http:// or https:// URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(key, value, "not a URL: " + e.getMessage());
        }
    }
}
