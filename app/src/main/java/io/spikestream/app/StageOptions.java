package io.spikestream.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.Option;

/**
 * Options every pipeline stage shares, and how a stage's configuration is assembled: a properties file,
 * then {@code SPIKESTREAM_*} environment variables, then {@code --set key=value}, then the dedicated flags
 * (later wins).
 */
final class StageOptions {

    /** Prefix of environment variables, e.g. {@code SPIKESTREAM_BOOTSTRAP_SERVERS} for {@code bootstrap.servers}. */
    static final String ENV_PREFIX = "SPIKESTREAM_";

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers, e.g. localhost:9092")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "Confluent-compatible schema registry"
            + " (default: registry-less Avro single-object encoding)")
    String schemaRegistryUrl;

    @Option(names = "--config", description = "Properties file with stage settings")
    Path configFile;

    @Option(names = {"-D", "--set"}, description = "A setting key=value (repeatable), e.g. --set batch.max.size=4")
    Map<String, String> settings = new LinkedHashMap<>();

    /**
     * Builds a stage's settings.
     *
     * @param def the stage's ConfigDef (names environment variables may set)
     * @param flags settings from dedicated flags (null values are skipped)
     * @return the merged settings
     * @throws IOException when the properties file cannot be read
     */
    Map<String, Object> resolve(ConfigDef def, Map<String, Object> flags) throws IOException {
        return resolve(def, flags, System.getenv());
    }

    Map<String, Object> resolve(ConfigDef def, Map<String, Object> flags, Map<String, String> env) throws IOException {
        Map<String, Object> merged = new HashMap<>();
        if (configFile != null) {
            merged.putAll(readProperties(configFile));
        }
        for (String name : def.names()) {
            String value = env.get(envName(name));
            if (value != null) {
                merged.put(name, value);
            }
        }
        merged.putAll(settings);
        putIfSet(merged, "bootstrap.servers", bootstrapServers);
        putIfSet(merged, "schema.registry.url", schemaRegistryUrl);
        flags.forEach((k, v) -> putIfSet(merged, k, v));
        return merged;
    }

    /** The environment variable that sets a key: {@code topics.frames} is {@code SPIKESTREAM_TOPICS_FRAMES}. */
    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value instanceof Path ? value.toString() : value);
        }
    }

    private static Map<String, Object> readProperties(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + " (--config file not found)");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        Map<String, Object> m = new HashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }
}
