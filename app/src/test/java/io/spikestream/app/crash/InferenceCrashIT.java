package io.spikestream.app.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exactly-once inference SIGKILLed mid-stream and restarted: one committed result per frame. */
class InferenceCrashIT {

    private static final int FRAMES = 40;

    @RegisterExtension
    final CrashHarness harness = new CrashHarness();

    @Test
    void shouldHoldExactlyOneResultPerFrameWhenInferenceIsKilledAndRestarted() throws Exception {
        harness.startBroker();
        for (String camera : List.of("cam-a", "cam-b")) {
            assertEquals(0, harness.ingest(camera, 11, FRAMES, "max").start().awaitExit(Duration.ofMinutes(2)));
        }
        SequenceTally frames = harness.topics().frames();
        assertEquals(2 * FRAMES, frames.distinct(), frames.toString());

        ChildProcess infer = harness.infer().start();
        CrashHarness.await(Duration.ofMinutes(2), () -> harness.topics().results().distinct() >= 10,
                () -> "no results from the first run");
        infer.kill();
        int beforeRestart = harness.topics().results().distinct();
        long restart = System.nanoTime();
        infer.start();
        CrashHarness.await(Duration.ofMinutes(3), () -> harness.topics().results().distinct() >= 2 * FRAMES,
                () -> "results: " + harness.topics().results());
        double recovery = (System.nanoTime() - restart) / 1e9;

        SequenceTally results = harness.topics().results();
        System.out.printf("inference crash: %d frames, %d committed results before the kill, after restart %s,"
                + " all results %.1f s after the restart%n", frames.records(), beforeRestart, results, recovery);
        assertTrue(beforeRestart < 2 * FRAMES, "killed mid-stream, not after the last frame: " + beforeRestart);
        assertEquals(List.of(), results.missing(frames), "results lost");
        assertEquals(List.of(), results.duplicated(), "results duplicated");
        assertEquals(frames.records(), results.records());
    }
}
