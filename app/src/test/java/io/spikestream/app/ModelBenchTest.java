package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ModelBenchTest {

    @Test
    void shouldPrintTheModelsRateAsAShareOfTheConvolutionRateOfTheSameRun() {
        CliRunner.Run run = CliRunner.run("bench", "model", "--preset", "tiny-cityscapes", "--weights", "random",
                "--height", "64", "--width", "128", "--warmup", "1", "--runs", "2");
        assertEquals(0, run.exitCode(), run.err());
        Matcher model = Pattern.compile("(?m), ([0-9.]+) GFLOP/s$").matcher(run.out());
        Matcher conv = Pattern.compile("(?m)^conv rate: ([0-9.]+) GFLOP/s").matcher(run.out());
        Matcher ratio = Pattern.compile("(?m)^vs conv: ([0-9.]+)$").matcher(run.out());
        assertTrue(model.find() && conv.find() && ratio.find(), run.out());
        double expected = Double.parseDouble(model.group(1)) / Double.parseDouble(conv.group(1));
        assertEquals(expected, Double.parseDouble(ratio.group(1)), 0.01 + 0.02 * expected, run.out());
    }
}
