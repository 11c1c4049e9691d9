package io.spikestream.app.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scaling out (README, "Scaling out"): two {@code infer} processes in one consumer group on a four-partition frames
 * topic share the cameras, and every frame gets exactly one committed result.
 */
class ScaleOutIT {

    /** One camera per partition of a four-partition topic (the default partitioner's murmur2 of the id). */
    private static final List<String> CAMERAS = List.of("cam-c", "cam-a", "cam-b", "cam-g");
    private static final int FRAMES = 20;
    private static final String[] FOUR_PARTITIONS = {"--set", "topics.partitions=4"};
    private static final Pattern SEGMENTED = Pattern.compile("Inference at close: frames in (\\d+), segmented (\\d+)");

    @RegisterExtension
    final CrashHarness harness = new CrashHarness();

    @Test
    void shouldShareTheCamerasAndGiveEveryFrameOneResultWhenTwoInferProcessesFormAGroup() throws Exception {
        harness.startBroker();
        List<ChildProcess> instances = List.of(harness.infer("infer-1", FOUR_PARTITIONS),
                harness.infer("infer-2", FOUR_PARTITIONS));
        for (ChildProcess infer : instances) {
            infer.start();
            CrashHarness.await(Duration.ofMinutes(2), () -> CrashHarness.count(infer.log(), "streams RUNNING") > 0,
                    () -> infer.name() + " is not running\n" + infer.tail());
        }
        ChildProcess first = instances.get(0);
        CrashHarness.await(Duration.ofMinutes(1), () -> CrashHarness.count(first.log(), "streams RUNNING") >= 2
                && instances.stream().allMatch(ScaleOutIT::settled), () -> "the group did not settle on two members\n"
                + first.tail());
        for (String camera : CAMERAS) {
            harness.ingest(camera, 21, FRAMES, "max", FOUR_PARTITIONS).start();
        }
        SequenceTally frames = harness.topics().frames();
        CrashHarness.await(Duration.ofMinutes(3), () -> harness.topics().results().distinct() >= CAMERAS.size() * FRAMES,
                () -> "results: " + harness.topics().results());
        frames = harness.topics().frames();
        SequenceTally results = harness.topics().results();
        assertEquals(CAMERAS.size() * FRAMES, frames.distinct(), frames.toString());
        assertEquals(List.of(), results.missing(frames), "results lost");
        assertEquals(List.of(), results.duplicated(), "results duplicated");

        List<Long> segmented = new ArrayList<>();
        for (ChildProcess infer : instances) {
            infer.stop();
            Matcher m = SEGMENTED.matcher(infer.log());
            assertTrue(m.find(), infer.name() + " printed no close line\n" + infer.tail());
            segmented.add(Long.parseLong(m.group(2)));
        }
        System.out.printf("scale-out: %d frames of %d cameras, segmented per instance %s%n", frames.records(),
                CAMERAS.size(), segmented);
        assertTrue(segmented.stream().allMatch(n -> n >= FRAMES), "each instance segments at least one camera's"
                + " frames: " + segmented);
        assertTrue(segmented.stream().mapToLong(Long::longValue).sum() >= CAMERAS.size() * FRAMES, segmented.toString());
    }

    /** Whether a member's last rebalance is over: its last RUNNING comes after its last REBALANCING. */
    private static boolean settled(ChildProcess infer) {
        String log = infer.log();
        return log.lastIndexOf("streams RUNNING") > log.lastIndexOf("streams REBALANCING");
    }
}
