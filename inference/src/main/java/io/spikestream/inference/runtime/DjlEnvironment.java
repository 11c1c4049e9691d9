package io.spikestream.inference.runtime;

/**
 * Puts DJL into offline mode before the engine starts: no model-zoo downloads, no telemetry, no
 * cloud metadata probe. Call {@link #offline()} before the first use of {@code ai.djl.engine.Engine}.
 */
public final class DjlEnvironment {

    private DjlEnvironment() {}

    /** Sets the offline and opt-out properties unless the user set them explicitly. */
    public static void offline() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
