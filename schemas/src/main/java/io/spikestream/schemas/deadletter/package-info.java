/**
 * Dead letters shared by the Kafka Streams stages: the {@code DeadLetter} record builder, why a record was
 * rejected ({@link io.spikestream.schemas.deadletter.Rejection}), per-kind counters, a decoder that turns raw
 * values into records or an {@link io.spikestream.schemas.deadletter.InvalidRecordException}, and the
 * exception handlers that send what Kafka itself cannot deserialize or produce to a dead-letter topic.
 *
 * <p>Inference writes rejected frames to {@code spikestream.frames.dlq}, the sink rejected results to
 * {@code spikestream.results.dlq}; both with the same record and reason format. This is the only package of
 * {@code schemas} that uses Kafka Streams (an optional dependency).
 */
package io.spikestream.schemas.deadletter;
