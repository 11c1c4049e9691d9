package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamBenchTest {

    @Test
    void shouldPrintEveryLineAndAgreeWithResetAtThresholdZero() {
        CliRunner.Run run = CliRunner.run("bench", "stream", "--camera", "fixed", "--preset", "tiny-cityscapes",
                "--height", "64", "--width", "128", "--frames", "3", "--mode", "delta", "--threshold", "0", "--propagation");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        for (String label : new String[] {"reset ms/frame", "delta ms/frame", "time ratio", "flop ratio",
            "energy ratio", "mIoU reset", "mIoU delta"}) {
            assertTrue(BenchLines.value(out, label) >= 0, label);
        }
        assertEquals(100.0, BenchLines.value(out, "pixel agreement"), 1e-9, "threshold 0 is exact");
        assertEquals(BenchLines.value(out, "mIoU reset"), BenchLines.value(out, "mIoU delta"), 1e-9);
        assertTrue(out.contains("\ndirty fraction per stage: input="), out);
        assertTrue(out.contains("\ndelta ms per stage: input="), out);
        assertTrue(out.contains("\nchanged pixels per map (frame 2 vs 1): x1="), out);
    }

    @Test
    void shouldAgreeWithResetInKeyFrameModeWhenEveryFrameIsAKeyFrame() {
        CliRunner.Run run = CliRunner.run("bench", "stream", "--camera", "driving", "--preset", "tiny-cityscapes",
                "--height", "64", "--width", "128", "--frames", "3", "--mode", "keyframe", "--key-interval", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(100.0, BenchLines.value(run.out(), "pixel agreement"), 1e-9, run.out());
        assertEquals(1.0, BenchLines.value(run.out(), "flop ratio"), 1e-9);
        assertTrue(run.out().contains("mode keyframe, key frames every 1"), run.out());
    }

    @Test
    void shouldReuseKeyFramesBetweenThem() {
        CliRunner.Run run = CliRunner.run("bench", "stream", "--camera", "driving", "--preset", "tiny-cityscapes",
                "--height", "64", "--width", "128", "--frames", "4", "--mode", "keyframe", "--key-interval", "4",
                "--fps", "8.5");
        assertEquals(0, run.exitCode(), run.err());
        double flops = BenchLines.value(run.out(), "flop ratio");
        assertTrue(flops > 0.2 && flops < 0.6, run.out());
        assertTrue(BenchLines.value(run.out(), "mIoU keyframe") >= 0, run.out());
        assertTrue(run.out().contains("\nkeyframe ms per stage: reuse="), run.out());
        assertTrue(run.out().contains("at 8.5 frames/s"), run.out());
    }

    @Test
    void shouldDropFramesForBothModesAndRefuseAShareOutOfRange() {
        CliRunner.Run run = CliRunner.run("bench", "stream", "--camera", "driving", "--preset", "tiny-cityscapes",
                "--height", "64", "--width", "128", "--frames", "6", "--mode", "keyframe", "--drop", "0.9");
        assertEquals(0, run.exitCode(), run.err());
        java.util.regex.Matcher kept = java.util.regex.Pattern.compile(" ([0-9]+) of 6 frames ").matcher(run.out());
        assertTrue(kept.find(), run.out());
        int n = Integer.parseInt(kept.group(1));
        assertTrue(n >= 1 && n < 6, "the first frame is always kept, most others dropped: " + run.out());
        CliRunner.Run bad = CliRunner.run("bench", "stream", "--frames", "2", "--drop", "1");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--drop must be in [0, 1)"), bad.err());
    }

    @Test
    void shouldRefuseResetAsTheComparedMode() {
        CliRunner.Run run = CliRunner.run("bench", "stream", "--mode", "reset", "--frames", "2");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--mode must be delta or keyframe"), run.err());
    }

    @Test
    void shouldRejectAnUnknownCamera() {
        CliRunner.Run run = CliRunner.run("bench", "stream", "--camera", "drone", "--frames", "2");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--camera: Unknown scene camera 'drone'"), run.err());
    }
}
