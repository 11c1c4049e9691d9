package io.spikestream.schemas;

import org.apache.avro.Schema;

/** The two calls the Confluent wire format needs from a schema registry. */
public interface SchemaRegistry {

    /**
     * Registers {@code schema} under {@code subject} (or finds it there) and returns its global id.
     *
     * @throws SchemaRegistryException if the registry rejects the schema or cannot be reached
     */
    int register(String subject, Schema schema);

    /**
     * Returns the schema with global id {@code id}.
     *
     * @throws SchemaRegistryException if the id is unknown or the registry cannot be reached
     */
    Schema schemaById(int id);
}
