package io.spikestream.training.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import io.spikestream.inference.runtime.ModelFiles;
import io.spikestream.inference.runtime.StateMode;
import io.spikestream.inference.runtime.StreamingDefaults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    /** The golden-test MICRO architecture with the 19 Cityscapes classes. */
    static final Spike2FormerConfig MICRO = Spike2FormerConfig.builder().name("micro").numClasses(19)
            .embedDims(8, 16, 32, 48).stage3Blocks(1).stage4Blocks(1).pixelDim(32).encoderLayers(1)
            .encoderFfn(64).dcnGroups(4).decoderLayers(3).decoderFfn(64).numQueries(10).build();

    private static TrainConfig.Builder micro(int iterations) {
        return TrainConfig.builder().optModel(MICRO).optIterations(iterations).optBatchSize(2).optCrop(64, 128)
                .optFrameSize(64, 128).optScaleRange(1.0, 1.0).optTrainClips(4, 0).optFramesPerClip(2, 5)
                .optWarmup(3, 1e-6).optLearningRate(2e-3).optEval(0, -1).optLogEvery(10).optSeed(3);
    }

    private static double mean(List<Double> v, int from, int to) {
        return v.subList(from, to).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void shouldLowerTheLossWhenTrainingMicroOnSyntheticFrames() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainResult r = Trainer.run(micro(30).build(), new PrintStream(log, true, StandardCharsets.UTF_8));
        List<Double> losses = r.losses();
        assertEquals(30, losses.size());
        double first = mean(losses, 0, 5);
        double last = mean(losses, 25, 30);
        assertTrue(last < 0.8 * first, "loss should fall: first 5 " + first + ", last 5 " + last + "\n" + log);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("30/30"));
    }

    @Test
    void shouldResumeFromTheLatestCheckpointWhenRestarted(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Trainer.run(micro(4).optCheckpointEvery(2).optOutputDir(dir).optClipLength(2).build(), quiet);
        assertTrue(Files.isRegularFile(dir.resolve("latest.params")));
        assertTrue(Files.isRegularFile(dir.resolve("final.params")));
        TrainResult again = Trainer.run(micro(6).optOutputDir(dir).optClipLength(2).build(), quiet);
        assertEquals(2, again.losses().size(), "only iterations 5 and 6 remain after resuming at 4");
    }

    @Test
    void shouldFineTuneForKeyFramesAndSaveTheModeWithTheWeights(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        TrainResult fresh = Trainer.run(micro(20).optOutputDir(dir.resolve("frames")).build(), quiet);
        Path start = dir.resolve("frames").resolve("final.params");
        KeyFrameTraining keyFrames = new KeyFrameTraining(2, new KeyFrameSettings(3, 0));
        TrainResult tuned = Trainer.run(micro(4).optInitialWeights(start).optClipLength(3).optKeyFrames(keyFrames)
                .optFramesPerClip(2, 5).optOutputDir(dir.resolve("keyframe")).build(), quiet);
        assertTrue(tuned.losses().stream().allMatch(Double::isFinite), tuned.losses().toString());
        assertTrue(tuned.losses().get(0) < fresh.losses().get(0), "starts from the given weights: "
                + tuned.losses().get(0) + " vs a fresh start's " + fresh.losses().get(0));
        assertEquals(new StreamingDefaults(StateMode.KEYFRAME, new KeyFrameSettings(3, 0)),
                ModelFiles.readStreamingDefaults(dir.resolve("keyframe").resolve("final.params")).orElseThrow());
        assertTrue(ModelFiles.readStreamingDefaults(start).isEmpty(), "per-frame weights name no mode");
    }

    @Test
    void shouldRefuseKeyFrameClipsTooLongForTheRenderedClip() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> micro(1).optClipLength(6).optKeyFrames(new KeyFrameTraining(2, KeyFrameSettings.DEFAULT))
                        .build());
        assertTrue(e.getMessage().contains("largest frame step"), e.getMessage());
    }
}
