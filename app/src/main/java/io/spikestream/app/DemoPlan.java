package io.spikestream.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What a demo run does.
 *
 * @param frames frames to push through the pipeline
 * @param out output folder of the sink
 * @param source ingest source URI
 * @param inference inference settings from the model flags (only those given)
 * @param timeout how long to wait for every frame to come out
 * @param allowTruncated accept a video file that ends short of its announced frames
 * @param live publish as a live camera at the source's rate (late frames are skipped) instead of the default
 *     (files and synthetic clips replayed at full speed, cameras live)
 */
record DemoPlan(int frames, Path out, String source, Map<String, Object> inference, Duration timeout,
        boolean allowTruncated, boolean live) {

    /** A copy of the inference settings (the flags given, {@link InferCommand.Flags#settings()}). */
    Map<String, Object> inferenceSettings() {
        return new HashMap<>(inference);
    }
}
