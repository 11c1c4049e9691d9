package io.spikestream.app.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The crash harness for longer runs, skipped unless {@code -Dspikestream.soak.minutes=N}: the broker, two
 * looping ingests, exactly-once inference and the sink run as child JVMs while, for N minutes, a randomly chosen
 * one of them is SIGKILLed every 15 to 45 s and restarted 1 to 5 s later ({@code spikestream.soak.stages}
 * narrows the choice, e.g. {@code broker,infer,sink}; {@code spikestream.soak.seed} fixes it). Then ingest
 * stops, the stages drain, and every frame record must have exactly one committed result, and the sink's
 * folder one stats.csv row and one mask per result and an evaluation that counts each frame once.
 */
class SoakIT {

    private static final List<String> CAMERAS = List.of("soak-a", "soak-b");

    @RegisterExtension
    final CrashHarness harness = new CrashHarness();

    private final Map<String, Integer> kills = new LinkedHashMap<>();
    private double brokerDownSeconds;
    private double longestBrokerOutage;
    private double drainSeconds;

    @Test
    void shouldLoseAndDuplicateNothingUnderRepeatedKills() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("spikestream.soak.minutes", "0"));
        assumeTrue(minutes > 0, "soak runs only with -Dspikestream.soak.minutes=N");
        List<String> stages = List.of(System.getProperty("spikestream.soak.stages", "broker,infer,sink,ingest")
                .split(","));
        Random random = new Random(Long.getLong("spikestream.soak.seed", System.nanoTime()));
        harness.startBrokerProcess();
        Map<String, ChildProcess> children = start();
        long end = System.nanoTime() + (long) (minutes * 60e9);
        while (System.nanoTime() < end) {
            Thread.sleep(15_000 + random.nextInt(30_000));
            String stage = stages.get(random.nextInt(stages.size()));
            crash(stage, children, 1_000 + random.nextInt(4_000));
        }
        report(drain(children), minutes);
    }

    private Map<String, ChildProcess> start() throws InterruptedException {
        Map<String, ChildProcess> children = new LinkedHashMap<>();
        children.put("infer", harness.infer().start());
        children.put("sink", harness.sink().start());
        for (int i = 0; i < CAMERAS.size(); i++) {
            children.put(CAMERAS.get(i), harness.ingest(CAMERAS.get(i), 51 + i, 50, "fixed:5", "--loop").start());
        }
        ChildProcess infer = children.get("infer");
        CrashHarness.await(Duration.ofMinutes(1), () -> infer.log().contains("inference running"), infer::tail);
        return children;
    }

    private void crash(String stage, Map<String, ChildProcess> children, long downMillis) throws Exception {
        int round = kills.merge(stage, 1, Integer::sum);
        ChildProcess victim = switch (stage) {
            case "broker" -> harness.brokerProcess();
            case "ingest" -> children.get(CAMERAS.get(round % CAMERAS.size()));
            default -> children.get(stage);
        };
        long start = System.nanoTime();
        victim.kill();
        Thread.sleep(downMillis);
        if (victim == harness.brokerProcess()) {
            harness.restartBrokerProcess();
            double down = (System.nanoTime() - start) / 1e9;
            brokerDownSeconds += down;
            longestBrokerOutage = Math.max(longestBrokerOutage, down);
        } else {
            victim.start();
        }
    }

    private Map<String, ChildProcess> drain(Map<String, ChildProcess> children) throws InterruptedException {
        for (String camera : CAMERAS) {
            children.get(camera).stop();
        }
        long start = System.nanoTime();
        CrashHarness.await(Duration.ofMinutes(10), () -> harness.topics().results().records()
                >= harness.topics().frames().records(), () -> "results " + harness.topics().results()
                + " frames " + harness.topics().frames());
        drainSeconds = (System.nanoTime() - start) / 1e9;
        long results = harness.topics().results().distinct();
        CrashHarness.await(Duration.ofMinutes(5), () -> sinkOutput().masks(CAMERAS) >= results,
                () -> "masks " + sinkOutput().masks(CAMERAS) + " of " + results + " results");
        return children;
    }

    private SinkOutput sinkOutput() {
        return new SinkOutput(harness.dir().resolve("out"));
    }

    private void report(Map<String, ChildProcess> children, double minutes) throws Exception {
        SequenceTally frames = harness.topics().frames();
        SequenceTally results = harness.topics().results();
        List<String> lost = results.comparedTo(frames, false);
        List<String> duplicated = results.comparedTo(frames, true);
        int restarts = children.values().stream().mapToInt(c -> c.starts() - 1).sum()
                + harness.brokerProcess().starts() - 1;
        System.out.printf("soak %.1f min: frames %s; results %s; kills %s; restarts %d; broker down %.1f s in all,"
                + " longest %.1f s; results caught up %.0f s after ingest stopped; results lost %d, duplicated %d"
                + " (relative to frame records); frame duplicates %d; sink masks %d%n", minutes, frames, results,
                kills, restarts, brokerDownSeconds, longestBrokerOutage, drainSeconds, lost.size(),
                duplicated.size(), frames.duplicates(), sinkOutput().masks(CAMERAS));
        assertEquals(List.of(), lost, "results lost");
        assertEquals(List.of(), duplicated, "results duplicated");
        assertEquals(List.of(), frames.duplicated(), "frames duplicated");
        children.get("sink").stop();
        sinkOutput().assertOncePerResult(CAMERAS, results, harness.topics().framesWithGroundTruth().distinct());
    }
}
