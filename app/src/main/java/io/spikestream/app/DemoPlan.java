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

    /** The inference settings that are set, paths as strings. */
    Map<String, Object> inferenceSettings() {
        Map<String, Object> m = new HashMap<>();
        inference.forEach((k, v) -> {
            if (v != null) {
                m.put(k, v instanceof Path ? v.toString() : v);
            }
        });
        return m;
    }
}
