/** Health of a stage's Kafka clients, shared by ingest, inference and sink. */
package io.spikestream.schemas.health;
