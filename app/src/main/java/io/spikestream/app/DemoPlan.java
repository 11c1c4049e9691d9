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
 * @param inference inference settings from the model flags (null values mean defaults)
 * @param timeout how long to wait for every frame to come out
 */
record DemoPlan(int frames, Path out, String source, Map<String, Object> inference, Duration timeout,
        boolean allowTruncated) {

    /** A copy of the inference settings (the flags given, {@link InferCommand.Flags#settings()}). */
    Map<String, Object> inferenceSettings() {
        return new HashMap<>(inference);
    }
}
