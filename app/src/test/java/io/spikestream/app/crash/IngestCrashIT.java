package io.spikestream.app.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ingest SIGKILLed mid-stream and started again for the same camera: the restarted run continues the
 * camera's numbering after the last frame in the topic, so no (camera, sequence) is held twice.
 */
class IngestCrashIT {

    private static final int FRAMES = 100;

    @RegisterExtension
    final CrashHarness harness = new CrashHarness();

    @Test
    void shouldContinueACamerasNumberingWithoutDuplicatesWhenIngestIsKilledAndRestarted() throws Exception {
        harness.startBroker();
        ChildProcess ingest = harness.ingest("gate", 31, FRAMES, "fixed:20").start();
        CrashHarness.await(Duration.ofMinutes(1), () -> harness.topics().frames().distinct() >= 20,
                () -> "frames: " + harness.topics().frames());
        ingest.kill();
        int first = harness.topics().frames().distinct();
        assertTrue(first < FRAMES, "killed mid-stream: " + first);
        assertEquals(0, ingest.start().awaitExit(Duration.ofMinutes(2)), ingest.tail());

        SequenceTally frames = harness.topics().frames();
        System.out.printf("ingest crash: %d frames before the kill, %d after the restart: %s%n", first,
                FRAMES, frames);
        assertEquals(List.of(), frames.duplicated(), "frames duplicated");
        assertEquals(LongStream.range(0, first + FRAMES).boxed().toList(), frames.sequences("gate"),
                "the restarted run continues at sequence " + first);
    }
}
