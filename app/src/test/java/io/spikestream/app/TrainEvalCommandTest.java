package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.runtime.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainEvalCommandTest {

    @Test
    void shouldPrintPerClassIoUAndMeanWhenEvaluatingSavedWeights(@TempDir Path dir) throws Exception {
        Path weights = dir.resolve("random.params");
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ModelFiles.save(ModelFiles.build(Spike2FormerConfig.preset("tiny-cityscapes"), null, m, 64, 128), weights);
        }
        CliRunner.Run run = CliRunner.run("eval", "--weights", weights.toString(), "--data", "synthetic", "--seed",
                "9001", "--clips", "1", "--height", "64", "--width", "128", "--frame", "64x128", "--export-labelids",
                dir.resolve("labels").toString());
        assertEquals(0, run.exitCode(), run.err());
        Matcher miou = Pattern.compile("(?m)^mIoU: ([0-9]+\\.[0-9])$").matcher(run.out());
        assertTrue(miou.find(), run.out());
        assertTrue(Double.parseDouble(miou.group(1)) <= 100, run.out());
        assertTrue(run.out().contains("road"), run.out());
        assertTrue(Files.isRegularFile(dir.resolve("labels").resolve("synthetic_009001_000000_leftImg8bit.png")));
    }

    @Test
    void shouldExplainHowToTrainWhenNoDefaultWeightsAreShipped() {
        CliRunner.Run run = CliRunner.run("eval", "--preset", "ade20k", "--weights", "default", "--clips", "1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no weights are shipped for ade20k"), run.err());
        assertTrue(run.err().contains("spikestream train"), run.err());
    }

    /** The command of issue 4's "done when", on one clip: the shipped weights find the road. */
    @Test
    void shouldEvaluateTheShippedWeights() {
        CliRunner.Run run = CliRunner.run("eval", "--preset", "tiny-cityscapes", "--weights", "default", "--data",
                "synthetic", "--seed", "9001", "--clips", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("at 128x256"), run.out());
        Matcher miou = Pattern.compile("(?m)^mIoU: ([0-9]+\\.[0-9])$").matcher(run.out());
        assertTrue(miou.find(), run.out());
        assertTrue(Double.parseDouble(miou.group(1)) >= MIOU_FLOOR, run.out());
        Matcher road = Pattern.compile("(?m)^road\\s+([0-9.]+)").matcher(run.out());
        assertTrue(road.find() && Double.parseDouble(road.group(1)) >= ROAD_FLOOR, run.out());
    }

    /** A clip as one camera's stream in keyframe mode: interval 1 is every frame on its own, as reset gives. */
    @Test
    void shouldEvaluateClipsAsStreamsInKeyFrameMode() {
        String[] common = {"eval", "--preset", "tiny-cityscapes", "--weights", "default", "--seed", "9001",
            "--clips", "1", "--clip-frames", "3", "--frame", "128x256"};
        CliRunner.Run reset = CliRunner.run(concat(common, "--state-mode", "reset"));
        CliRunner.Run every = CliRunner.run(concat(common, "--state-mode", "keyframe", "--key-interval", "1"));
        CliRunner.Run reused = CliRunner.run(concat(common, "--state-mode", "keyframe", "--key-interval", "3"));
        assertEquals(0, reset.exitCode(), reset.err());
        assertTrue(every.out().contains("each clip of 3 frames as one camera, state.mode=keyframe, key frames every 1"),
                every.out());
        assertEquals(BenchLines.value(reset.out(), "mIoU"), BenchLines.value(every.out(), "mIoU"), 1e-9);
        assertTrue(BenchLines.value(reused.out(), "mIoU") >= MIOU_FLOOR, reused.out());
        assertTrue(reset.out().contains("on 3 images"), reset.out());
        assertEquals(1.0, BenchLines.value(every.out(), "recomputed"), 1e-9, "every frame a full pass");
        double reusedShare = BenchLines.value(reused.out(), "recomputed");
        assertTrue(reusedShare > 0.5 && reusedShare < 1, "one key frame, two frames reusing it: " + reused.out());
    }

    @Test
    void shouldTakeEveryNthRenderedFrameWithFrameStep() {
        String[] common = {"eval", "--preset", "tiny-cityscapes", "--weights", "default", "--seed", "9001",
            "--clips", "1", "--clip-frames", "2", "--frame", "128x256", "--state-mode", "reset"};
        CliRunner.Run step1 = CliRunner.run(common);
        CliRunner.Run step3 = CliRunner.run(concat(common, "--frame-step", "3"));
        assertEquals(0, step3.exitCode(), step3.err());
        assertTrue(BenchLines.value(step1.out(), "mIoU") != BenchLines.value(step3.out(), "mIoU"),
                "frame 3 is not frame 1: " + step1.out() + step3.out());
        CliRunner.Run bad = CliRunner.run(concat(common, "--frame-step", "0"));
        assertTrue(bad.exitCode() != 0 && bad.err().contains("--frame-step must be at least 1"), bad.err());
    }

    @Test
    void shouldRefuseTrainingForDeltaAndInitialWeightsThatAreNoParamsFile() {
        CliRunner.Run delta = CliRunner.run("train", "--state-mode", "delta", "--iterations", "1");
        assertTrue(delta.exitCode() != 0 && delta.err().contains("--state-mode delta needs no training"), delta.err());
        CliRunner.Run init = CliRunner.run("train", "--init-weights", "no-such.params", "--iterations", "1");
        assertTrue(init.exitCode() != 0 && init.err().contains("--init-weights must be a .params file or 'default'"),
                init.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Measured in session 2 on this clip: mIoU 41.0, road 0.980; random weights score near 0. */
    private static final double MIOU_FLOOR = 25;
    private static final double ROAD_FLOOR = 0.85;

    @Test
    void shouldRefuseToEvaluateRandomWeights() {
        CliRunner.Run run = CliRunner.run("eval", "--weights", "random", "--clips", "1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("eval needs weights"), run.err());
    }

    @Test
    void shouldWriteACheckpointWhenTrainingThreeIterations(@TempDir Path dir) {
        Path out = dir.resolve("run");
        CliRunner.Run run = CliRunner.run("train", "--preset", "tiny-cityscapes", "--data", "synthetic", "--seed", "1",
                "--clips", "2", "--frames-per-clip", "1", "--iterations", "3", "--batch", "1", "--crop", "64x128",
                "--frame", "64x128", "--eval-every", "-1", "--log-every", "1", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("3/3"), run.out());
        assertTrue(Files.isRegularFile(out.resolve("latest.params")), run.out());
        assertTrue(Files.isRegularFile(out.resolve("final.params")), run.out());
    }

    @Test
    void shouldRejectAMalformedCrop() {
        CliRunner.Run run = CliRunner.run("train", "--crop", "128by256", "--iterations", "1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--crop must be HEIGHTxWIDTH"), run.err());
    }
}
