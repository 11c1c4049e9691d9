package io.spikestream.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Runs the demo wiring from tests in other packages and returns what it printed. */
public final class DemoHarness {

    private DemoHarness() {}

    /**
     * Runs ingest, inference and sink against a broker.
     *
     * @param bootstrap the broker
     * @param frames frames to process
     * @param out sink output folder
     * @param source ingest source URI
     * @param inference extra inference settings
     * @return the demo's output
     * @throws Exception when the run fails
     */
    public static String run(String bootstrap, int frames, Path out, String source, Map<String, Object> inference)
            throws Exception {
        return run(bootstrap, frames, out, source, inference, false);
    }

    /** As {@link #run(String, int, Path, String, Map)}, with {@code live} as {@code demo --live}. */
    public static String run(String bootstrap, int frames, Path out, String source, Map<String, Object> inference,
            boolean live) throws Exception {
        StringWriter text = new StringWriter();
        new DemoRun(new DemoPlan(frames, out, source, inference, Duration.ofMinutes(5), false, live), bootstrap,
                new PrintWriter(text, true), false).run();
        return text.toString();
    }
}
