package io.spikestream.app;

import io.spikestream.ingest.source.SyntheticSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        return run(bootstrap, new DemoPlan(frames, out, DemoCameras.single(source), inference, Duration.ofMinutes(5),
                false, live));
    }

    /**
     * As {@code demo --cameras}: {@code cameras} synthetic cameras publishing {@code frames} each, camera i with
     * the settings of {@code synthetic} and its seed + i.
     */
    public static String runCameras(String bootstrap, int cameras, int frames, Path out, String synthetic,
            Map<String, Object> inference) throws Exception {
        List<DemoCamera> list = DemoCameras.synthetic(cameras, SyntheticSpec.parse(synthetic));
        return run(bootstrap, new DemoPlan(frames, out, list, inference, Duration.ofMinutes(5), false, false));
    }

    private static String run(String bootstrap, DemoPlan plan) throws Exception {
        StringWriter text = new StringWriter();
        new DemoRun(plan, bootstrap, new PrintWriter(text, true), false).run();
        return text.toString();
    }
}
