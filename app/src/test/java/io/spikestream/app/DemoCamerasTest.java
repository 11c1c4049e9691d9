package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.ingest.source.SyntheticSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCamerasTest {

    private static DemoCommand demo(String... args) {
        DemoCommand command = new DemoCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static DemoPlan plan(List<DemoCamera> cameras) {
        return new DemoPlan(4, Path.of("out"), cameras, Map.of(), Duration.ofMinutes(1), false, false);
    }

    @Test
    void shouldKeepTheOneCameraIdAndSeedWhenCamerasIsNotGiven() {
        List<DemoCamera> cameras = demo("--seed", "41").cameras();
        assertEquals(1, cameras.size());
        assertEquals("demo-cam", cameras.get(0).id());
        assertEquals(41, SyntheticSpec.parse(cameras.get(0).source()).seed());
    }

    @Test
    void shouldNumberCamerasAndGiveCameraIItsSeedPlusIWhenSeveral() {
        List<DemoCamera> cameras = demo("--cameras", "3", "--seed", "41", "--frames", "7", "--scene-camera", "fixed")
                .cameras();
        assertEquals(List.of("demo-cam-0", "demo-cam-1", "demo-cam-2"), cameras.stream().map(DemoCamera::id).toList());
        for (int i = 0; i < 3; i++) {
            SyntheticSpec spec = SyntheticSpec.parse(cameras.get(i).source());
            assertEquals(41 + i, spec.seed());
            assertEquals(7, spec.frames(), "--frames is per camera");
            assertEquals("fixed", spec.camera().label());
        }
    }

    @Test
    void shouldRejectCameraCountsOutsideOneToSixtyFour() {
        for (String count : List.of("0", "-2", "65")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> demo("--cameras", count).cameras());
            assertEquals("--cameras must be between 1 and 64, got " + count, e.getMessage());
        }
        assertEquals(64, demo("--cameras", "64").cameras().size());
    }

    @Test
    void shouldRejectSeveralCamerasWhenTheInputIsAVideoOrACamera() {
        for (String[] input : List.of(new String[] {"--video", "clip.mp4"}, new String[] {"--camera", "rtsp://x"})) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> demo("--cameras", "2", input[0], input[1]).cameras());
            assertTrue(e.getMessage().contains("drop --cameras") && e.getMessage().contains("--video"),
                    e.getMessage());
        }
        assertEquals("demo-cam", demo("--cameras", "1", "--video", "clip.mp4").cameras().get(0).id());
    }

    @Test
    void shouldExitWithAUsageErrorWhenCamerasIsInvalid() {
        CliRunner.Run run = CliRunner.run("demo", "--cameras", "2", "--video", "clip.mp4");
        assertEquals(ErrorReporter.USAGE_ERROR, run.exitCode());
        assertTrue(run.err().startsWith("error: --cameras 2 runs synthetic cameras"), run.err());
    }

    @Test
    void shouldKeepOnePartitionAndOneStreamThreadForOneCamera() {
        DemoPlan plan = plan(DemoCameras.single("clip.mp4"));
        assertEquals(1, plan.partitions());
        assertEquals(1, plan.streamThreads());
        assertEquals(4, plan.totalFrames());
    }

    @Test
    void shouldPutEveryCameraOnItsOwnPartitionAndEveryPartitionOnItsOwnThread() {
        for (int n = 2; n <= 8; n++) {
            DemoPlan plan = plan(DemoCameras.synthetic(n, SyntheticSpec.parse("synthetic:seed=1")));
            int partitions = plan.partitions();
            assertTrue(partitions >= n && partitions <= FramePartitions.MAX, n + " cameras: " + partitions);
            assertEquals(n, plan.cameras().stream().mapToInt(c -> FramePartitions.of(c.id(), partitions)).distinct()
                    .count(), n + " cameras on " + partitions + " partitions");
            assertEquals(partitions, plan.streamThreads());
        }
        assertEquals(3, plan(DemoCameras.synthetic(3, SyntheticSpec.parse("synthetic:"))).totalFrames() / 4);
    }

    @Test
    void shouldCapPartitionsWhenCamerasCannotAllHaveTheirOwn() {
        DemoPlan plan = plan(DemoCameras.synthetic(64, SyntheticSpec.parse("synthetic:")));
        assertEquals(FramePartitions.MAX, plan.partitions());
        assertEquals(FramePartitions.MAX, plan.streamThreads());
    }
}
