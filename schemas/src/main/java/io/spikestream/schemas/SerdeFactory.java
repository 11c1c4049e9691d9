package io.spikestream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.List;
import java.util.Objects;

/**
 * Builds the key and value serdes of each {@link TopicSpec}.
 *
 * <p>Without a registry, values use Avro single-object encoding ({@code C3 01} + 8-byte schema
 * fingerprint + Avro binary, the format of the generated {@code getEncoder()}); with one, the
 * Confluent wire format ({@code 00} + 4-byte schema id + Avro binary), readable by Confluent-style
 * tools and UIs. Keys are UTF-8 camera ids in both cases.
 */
public final class SerdeFactory {

    private final SchemaRegistry registry;

    private SerdeFactory(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** Registry-less single-object encoding. */
    public static SerdeFactory singleObject() {
        return new SerdeFactory(null);
    }

    /** The Confluent wire format against {@code registry}. */
    public static SerdeFactory confluent(SchemaRegistry registry) {
        return new SerdeFactory(Objects.requireNonNull(registry, "registry"));
    }

    /** Confluent wire format if {@code schema.registry.url} is set, single-object otherwise. */
    public static SerdeFactory from(SchemasConfig config) {
        return config.schemaRegistryUrl().isPresent()
                ? confluent(HttpSchemaRegistryClient.from(config))
                : singleObject();
    }

    /** True if values go through a schema registry. */
    public boolean usesRegistry() {
        return registry != null;
    }

    /** The key serde: the camera id as UTF-8. */
    public Serde<String> keySerde() {
        return Serdes.String();
    }

    /** The value serde of {@code spec}. */
    public <V extends SpecificRecord> AvroSerde<V> valueSerde(TopicSpec<V> spec) {
        return valueSerde(spec, List.of());
    }

    /**
     * A serde of {@code spec}'s records in Avro's JSON encoding, for topics that dashboards read without a
     * registry (the statistics topic with {@code stats.format=json}); the same whether or not a registry is set.
     */
    public <V extends SpecificRecord> AvroSerde<V> jsonValueSerde(TopicSpec<V> spec) {
        return new AvroSerde<>(new JsonCodec<>(spec.valueType()));
    }

    /**
     * The value serde of {@code spec} that also reads single-object data written with {@code
     * olderWriterSchemas} (the registry supplies old schemas itself, so they are ignored there).
     */
    public <V extends SpecificRecord> AvroSerde<V> valueSerde(
            TopicSpec<V> spec, List<Schema> olderWriterSchemas) {
        AvroCodec<V> codec =
                registry != null
                        ? new ConfluentWireCodec<>(spec.valueType(), registry)
                        : new SingleObjectCodec<>(spec.valueType(), olderWriterSchemas);
        return new AvroSerde<>(codec);
    }
}
