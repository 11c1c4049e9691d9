/**
 * The inference stage's Kafka Streams topology: frames in, segmentation results out, bad frames to the
 * dead-letter topic.
 *
 * <p>{@link io.spikestream.inference.stream.SegmentationTopology} decodes and validates each frame,
 * calls a {@link io.spikestream.vision.Segmenter} and publishes a {@code SegmentationResult}. The package
 * knows the model only through that interface: it imports neither {@code inference.runtime} nor
 * {@code inference.model} (nor DJL); {@code inference.service} plugs the runtime in.
 */
package io.spikestream.inference.stream;
