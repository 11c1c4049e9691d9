package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamBenchTest {

    @Test
    void shouldPrintEveryLineAndAgreeWithResetAtThresholdZero() {
        CliRunner.Run run = CliRunner.run("bench", "stream", "--camera", "fixed", "--preset", "tiny-cityscapes",
                "--height", "64", "--width", "128", "--frames", "3", "--threshold", "0", "--propagation");
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
    void shouldRejectAnUnknownCamera() {
        CliRunner.Run run = CliRunner.run("bench", "stream", "--camera", "drone", "--frames", "2");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--camera: Unknown scene camera 'drone'"), run.err());
    }
}
