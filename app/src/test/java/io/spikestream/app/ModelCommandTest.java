package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.runtime.ModelFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTest {

    @Test
    void shouldPrintTheOfficialParameterCountForAde20k() {
        CliRunner.Run run = CliRunner.run("model", "info", "--preset", "ade20k", "--height", "64", "--width", "64");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\nparameters: 34361112\n"), run.out());
        assertTrue(run.out().contains("firing rates and energy: pass --image and trained --weights"), run.out());
        assertTrue(run.out().contains("FLOPs:"), run.out());
        Matcher delta = Pattern.compile("\ndelta state \\(state.mode=delta\\): ([0-9.]+) MB per camera").matcher(run.out());
        assertTrue(delta.find() && Double.parseDouble(delta.group(1)) > 0, run.out());
        assertTrue(run.out().contains("state.max.cameras bounds the cameras held"), run.out());
    }

    @Test
    void shouldReportFiringAndEnergyWhenWeightsAndImageAreGiven(@TempDir Path dir) throws Exception {
        Path weights = dir.resolve("tiny.params");
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ModelFiles.save(ModelFiles.build(Spike2FormerConfig.preset("tiny-cityscapes"), null, m, 64, 128), weights);
        }
        Path image = dir.resolve("frame.png");
        BufferedImage img = new BufferedImage(128, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                img.setRGB(x, y, (x * 2) << 16 | (y * 4) << 8 | 90);
            }
        }
        ImageIO.write(img, "png", image.toFile());
        CliRunner.Run run = CliRunner.run("model", "info", "--weights", weights.toString(), "--image",
                image.toString(), "--height", "64", "--width", "128");
        assertEquals(0, run.exitCode(), run.err());
        Matcher energy = Pattern.compile("energy: ([0-9.]+) mJ per frame").matcher(run.out());
        assertTrue(energy.find(), run.out());
        assertTrue(Double.parseDouble(energy.group(1)) > 0, run.out());
        assertTrue(run.out().contains("model: tiny-cityscapes("), run.out());
    }

    @Test
    void shouldExplainAnUnknownPreset() {
        CliRunner.Run run = CliRunner.run("model", "info", "--preset", "nope");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Unknown preset 'nope'"), run.err());
    }
}
