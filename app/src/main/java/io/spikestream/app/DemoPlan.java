package io.spikestream.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a demo run does.
 *
 * @param frames frames to push through the pipeline per camera
 * @param out output folder of the sink
 * @param cameras the cameras, each with its id and ingest source URI (published at the same time)
 * @param inference inference settings from the model flags (only those given)
 * @param timeout how long to wait for every frame to come out
 * @param allowTruncated accept a video file that ends short of its announced frames
 * @param live publish as a live camera at the source's rate (late frames are skipped) instead of the default
 *     (files and synthetic clips replayed at full speed, cameras live)
 */
record DemoPlan(int frames, Path out, List<DemoCamera> cameras, Map<String, Object> inference, Duration timeout,
        boolean allowTruncated, boolean live) {

    DemoPlan {
        cameras = List.copyOf(cameras);
    }

    /** A copy of the inference settings (the flags given, {@link InferCommand.Flags#settings()}). */
    Map<String, Object> inferenceSettings() {
        return new HashMap<>(inference);
    }

    /** Frames of all cameras together. */
    long totalFrames() {
        return (long) frames * cameras.size();
    }

    /** Partitions of the topics the demo creates, so that the cameras spread ({@link FramePartitions}). */
    int partitions() {
        return FramePartitions.spreading(cameras.stream().map(DemoCamera::id).toList());
    }

    /**
     * Inference stream threads: one per partition. Kafka Streams then gives each thread one partition, so cameras on
     * partitions of their own are on threads of their own, and up to {@code batch.max.size} of them share a forward
     * pass (a thread adds one frame at a time). Threads of partitions without a camera idle.
     */
    int streamThreads() {
        return partitions();
    }
}
