/**
 * The inference stage as a Kafka Streams application: frames in, segmentation results out, bad frames to
 * the dead-letter topic.
 *
 * <p>{@link io.spikestream.inference.stream.SegmentationTopology} decodes and validates each frame,
 * calls a {@link io.spikestream.vision.Segmenter} and publishes a
 * {@code SegmentationResult}. The package never imports DJL: the model side
 * ({@code runtime.BatchingSegmenter}) implements the interface. {@link
 * io.spikestream.inference.stream.InferenceService} wires config, topics, model and streams together.
 */
package io.spikestream.inference.stream;
