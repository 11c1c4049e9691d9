package io.spikestream.app.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikestream.schemas.Topics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink SIGKILLed mid-stream and restarted: results it processes again rewrite the same files and are
 * counted once, so each camera has one stats.csv row and one mask per result, and the evaluation counts
 * each frame with ground truth once.
 */
class SinkCrashIT {

    private static final List<String> CAMERAS = List.of("cam-a", "cam-b");
    private static final int FRAMES = 60;
    private static final String SINK_GROUP = "spikestream-sink";

    @RegisterExtension
    final CrashHarness harness = new CrashHarness();

    @Test
    void shouldWriteAndCountEachResultOnceWhenTheSinkIsKilledAndRestarted() throws Exception {
        harness.startBroker();
        harness.infer().start();
        ChildProcess sink = harness.sink().start();
        List<ChildProcess> ingests = List.of(harness.ingest(CAMERAS.get(0), 41, FRAMES, "fixed:15").start(),
                harness.ingest(CAMERAS.get(1), 42, FRAMES, "fixed:15").start());
        CrashHarness.await(Duration.ofMinutes(2), () -> masks() >= 20, () -> "masks written: " + masks());
        sink.kill();
        long masksAtKill = masks();
        sink.start();
        for (ChildProcess ingest : ingests) {
            assertEquals(0, ingest.awaitExit(Duration.ofMinutes(2)), ingest.tail());
        }
        int total = CAMERAS.size() * FRAMES;
        CrashHarness.await(Duration.ofMinutes(2), () -> harness.topics().results().distinct() >= total,
                () -> "results: " + harness.topics().results());
        CrashHarness.await(Duration.ofMinutes(2), () -> masks() >= total
                && harness.topics().committedToEnd(SINK_GROUP, Topics.RESULTS), () -> "masks written: " + masks());
        sink.stop();

        SequenceTally results = harness.topics().results();
        int withTruth = harness.topics().framesWithGroundTruth().distinct();
        System.out.printf("sink crash: %d masks at the kill, %d results, evaluation counts %d of %d frames with"
                + " ground truth%n", masksAtKill, results.distinct(), output().evaluatedFrames(), withTruth);
        output().assertOncePerResult(CAMERAS, results, withTruth);
    }

    private SinkOutput output() {
        return new SinkOutput(harness.dir().resolve("out"));
    }

    private long masks() {
        return output().masks(CAMERAS);
    }
}
