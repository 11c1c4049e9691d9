package io.spikestream.app.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The broker SIGKILLed and restarted on the same port and data, once while ingest publishes and once while
 * inference works through a backlog: the stages (the sink too) report the outage and recover without a
 * restart of their own, and no frame or result is lost or duplicated.
 */
class BrokerCrashIT {

    static final String LOST = "lost every connection to Kafka";
    static final String BACK = "reachable again after";
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final int LIVE_FRAMES = 100;
    private static final int BACKLOG_FRAMES = 80;

    @RegisterExtension
    final CrashHarness harness = new CrashHarness();

    @Test
    void shouldLoseAndDuplicateNothingWhenTheBrokerIsKilledDuringIngestAndInference() throws Exception {
        harness.startBrokerProcess();
        ChildProcess infer = harness.infer().start();
        ChildProcess sink = harness.sink().start();
        CrashHarness.await(Duration.ofMinutes(1), () -> infer.log().contains("inference running")
                && sink.log().contains("sink running"), () -> infer.tail() + "\n" + sink.tail());

        ChildProcess live = harness.ingest("live", 21, LIVE_FRAMES, "fixed:10").start();
        CrashHarness.await(Duration.ofMinutes(1), () -> harness.topics().frames().distinct() >= 10,
                () -> "frames: " + harness.topics().frames());
        double duringIngest = outage();
        assertTrue(live.isAlive(), "the broker was killed while ingest was publishing");
        assertEquals(0, live.awaitExit(Duration.ofMinutes(3)), live.tail());

        ChildProcess backlog = harness.ingest("backlog", 22, BACKLOG_FRAMES, "max").start();
        assertEquals(0, backlog.awaitExit(Duration.ofMinutes(2)), backlog.tail());
        CrashHarness.await(Duration.ofMinutes(1), () -> harness.topics().results().distinct() >= LIVE_FRAMES + 5,
                () -> "results: " + harness.topics().results());
        int total = LIVE_FRAMES + BACKLOG_FRAMES;
        int resultsAtKill = harness.topics().results().distinct();
        double duringInference = outage();
        assertTrue(resultsAtKill < total, "the broker was killed while inference had frames left: " + resultsAtKill);
        long recovery = System.nanoTime();
        CrashHarness.await(Duration.ofMinutes(3), () -> harness.topics().results().distinct() >= total,
                () -> "results: " + harness.topics().results());
        double catchUp = (System.nanoTime() - recovery) / 1e9;

        SequenceTally frames = harness.topics().frames();
        SequenceTally results = harness.topics().results();
        System.out.printf("broker crash: outages %.1f s (ingest) and %.1f s (inference); frames %s; results %s;"
                + " %d of %d results committed at the second kill, the rest %.1f s after the broker was back%n",
                duringIngest, duringInference, frames, results, resultsAtKill, total, catchUp);
        assertEquals(LIVE_FRAMES, frames.sequences("live").size(), "live frames: " + frames);
        assertEquals(BACKLOG_FRAMES, frames.sequences("backlog").size(), "backlog frames: " + frames);
        assertEquals(List.of(), frames.duplicated(), "frames duplicated");
        assertEquals(List.of(), results.missing(frames), "results lost");
        assertEquals(List.of(), results.duplicated(), "results duplicated");
        for (ChildProcess stage : List.of(infer, sink)) {
            assertTrue(stage.isAlive() && stage.starts() == 1, stage.name() + " survived without a restart");
            assertReported(stage, 2);
        }
        assertReported(live, 1);
    }

    /** Kills the broker, waits {@link #OUTAGE}, restarts it; returns the seconds it was down. */
    private double outage() throws Exception {
        long start = System.nanoTime();
        harness.brokerProcess().kill();
        Thread.sleep(OUTAGE.toMillis());
        harness.restartBrokerProcess();
        return (System.nanoTime() - start) / 1e9;
    }

    /** At least {@code outages} outages reported, each followed by its recovery. */
    private static void assertReported(ChildProcess stage, int outages) throws InterruptedException {
        CrashHarness.await(Duration.ofSeconds(30), () -> CrashHarness.count(stage.log(), BACK) >= outages
                && CrashHarness.count(stage.log(), BACK) == CrashHarness.count(stage.log(), LOST),
                () -> stage.name() + " did not report " + outages + " outages and recoveries\n" + stage.tail());
    }
}
