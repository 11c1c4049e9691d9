/**
 * The inference stage put together: {@link io.spikestream.inference.service.InferenceConfig} reads the
 * settings of {@code spikestream infer} (Kafka, topics, model, batching, state),
 * {@link io.spikestream.inference.service.InferenceService} creates missing topics, opens the model as a
 * {@code runtime.BatchingSegmenter} (or any {@link io.spikestream.inference.service.SegmenterFactory}) and
 * runs the {@code stream.SegmentationTopology} on it. The only package that sees both the stream and the
 * runtime.
 */
package io.spikestream.inference.service;
