package io.spikestream.app;

import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import io.spikestream.inference.runtime.ModelSelection;
import io.spikestream.inference.runtime.ShippedWeights;
import io.spikestream.inference.runtime.StateMode;
import io.spikestream.training.trainer.KeyFrameTraining;
import io.spikestream.training.trainer.TrainConfig;
import io.spikestream.training.trainer.TrainResult;
import io.spikestream.training.trainer.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikestream train}: runs the {@link Trainer} (official recipe scaled to a CPU, docs/training.md) with a
 * progress line, checkpoints in {@code --out} and periodic validation on held-out synthetic clips.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train Spike2Former from scratch on synthetic clips or a Cityscapes-layout folder.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", defaultValue = "tiny-cityscapes", description = "Architecture (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--data", defaultValue = "synthetic",
            description = "'synthetic' or a folder with leftImg8bit/train and gtFine/train (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of initialisation, sampling and augmentation (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--clips", defaultValue = "300", description = "Synthetic training clips, seeds 0..N-1 (default: ${DEFAULT-VALUE})")
    int clips;

    @Option(names = "--frames-per-clip", defaultValue = "3", description = "Frames drawn per synthetic clip (default: ${DEFAULT-VALUE})")
    int framesPerClip;

    @Option(names = "--iterations", defaultValue = "4500", description = "Optimizer steps (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--batch", defaultValue = "2", description = "Images (or clips) per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--crop", defaultValue = "128x256", description = "Training crop HxW, multiples of 32 (default: ${DEFAULT-VALUE})")
    String crop;

    @Option(names = "--frame", defaultValue = "256x512", description = "Synthetic frame (and validation input) HxW (default: ${DEFAULT-VALUE})")
    String frame;

    @Option(names = "--clip-frames", defaultValue = "1",
            description = "Frames per training sequence with membrane state carried (1 = still images; default: ${DEFAULT-VALUE})")
    int clipFrames;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Base learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--warmup", description = "Warm-up iterations (default: a tenth of the run, at most 1500)")
    Integer warmup;

    @Option(names = "--max-grad-norm", defaultValue = "0",
            description = "Global gradient-norm clip; the official 0.01, 0 = off (default: ${DEFAULT-VALUE})")
    double maxGradNorm;

    @Option(names = "--spike-ratio", defaultValue = "20",
            description = "Skip a step whose gradient norm exceeds this multiple of the recent median; 0 = off (default: ${DEFAULT-VALUE})")
    double spikeRatio;

    @Option(names = "--scale", defaultValue = "0.25,1.0", split = ",",
            description = "Random rescale range MIN,MAX relative to the frame; the default is the official 0.5-2.0"
                    + " around the network input (the crop, half the synthetic frame). Cityscapes frames with"
                    + " --crop 512x1024 as officially: 0.5,2.0 (default: ${DEFAULT-VALUE})")
    double[] scale;

    @Option(names = "--backbone-lr-mult", defaultValue = "1.0",
            description = "Learning-rate multiplier of the backbone; training starts from random weights, the"
                    + " official 0.1 is for an ImageNet-trained backbone (default: ${DEFAULT-VALUE})")
    double backboneLrMult;

    @Option(names = "--eval-every", defaultValue = "500", description = "Validate every N steps; 0 = at the end only, negative = never (default: ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(names = "--eval-clips", defaultValue = "10", description = "Held-out synthetic clips (seeds from 9000) for validation (default: ${DEFAULT-VALUE})")
    int evalClips;

    @Option(names = "--checkpoint-every", defaultValue = "500", description = "Checkpoint every N steps (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--log-every", defaultValue = "10", description = "Progress line every N steps (default: ${DEFAULT-VALUE})")
    int logEvery;

    @Option(names = "--out", description = "Checkpoints, best and final weights (default: none written)")
    Path out;

    @Option(names = "--resume", description = "Continue from --out/latest.params when present")
    boolean resume;

    @Option(names = "--init-weights", description = "Start from these .params weights, or 'default' for the"
            + " preset's shipped weights (fine-tuning; default: random initialisation)")
    String initWeights;

    @Option(names = "--state-mode", defaultValue = "reset", description = "What the weights are trained for: reset"
            + " (frames on their own, or membrane state carried with --clip-frames) or keyframe (each clip's first"
            + " frame is a key frame, the others reuse its context; needs --clip-frames >= 2; default: ${DEFAULT-VALUE})")
    String stateMode;

    @Option(names = "--max-frame-step", defaultValue = "2", description = "keyframe: the frames of a clip are"
            + " 1..N rendered frames apart, drawn per clip (default: ${DEFAULT-VALUE})")
    int maxFrameStep;

    @Option(names = "--key-interval", description = "keyframe: keyframe.interval saved with the weights for infer"
            + " (default: --clip-frames)")
    Integer keyInterval;

    @Option(names = "--adaptive-change", defaultValue = "0", description = "keyframe: keyframe.adaptive.change saved"
            + " with the weights (grey levels, 0 = fixed interval; default: ${DEFAULT-VALUE})")
    double adaptiveChange;

    @Mixin
    SceneCameraOption sceneCamera;

    @Override
    public Integer call() throws IOException {
        PrintWriter writer = spec.commandLine().getOut();
        TrainResult r = Trainer.run(config(), LineStream.to(writer));
        writer.printf(Locale.ROOT, "done: %d iterations at %.2f it/s, last validation mIoU %.1f, best %.1f%n",
                r.iterations(), r.iterationsPerSecond(), 100 * r.lastMeanIoU(), 100 * r.bestMeanIoU());
        if (r.weights() != null) {
            writer.println("weights: " + r.weights());
        }
        return 0;
    }

    TrainConfig config() throws IOException {
        int[] c = size("--crop", crop);
        int[] f = size("--frame", frame);
        if (scale.length != 2) {
            throw new IllegalArgumentException("--scale must be MIN,MAX, e.g. 0.25,1.0");
        }
        if (resume && out == null) {
            throw new IllegalArgumentException("--resume needs --out (the folder holding latest.params)");
        }
        TrainConfig.Builder b = TrainConfig.builder().optModel(Spike2FormerConfig.preset(preset))
                .optIterations(iterations).optBatchSize(batch).optCrop(c[0], c[1]).optFrameSize(f[0], f[1])
                .optTrainClips(clips, 0).optFramesPerClip(framesPerClip, 10).optClipLength(clipFrames)
                .optLearningRate(lr).optMaxGradNorm(maxGradNorm).optSpikeRatio(spikeRatio)
                .optScaleRange(scale[0], scale[1]).optBackboneLrMult(backboneLrMult).optEval(evalClips, evalEvery)
                .optCheckpointEvery(checkpointEvery).optLogEvery(logEvery).optOutputDir(out).optResume(resume)
                .optSeed(seed).optSceneCamera(sceneCamera.kind());
        if (initWeights != null) {
            b.optInitialWeights(initialWeights());
        }
        StateMode mode = StateMode.of(stateMode);
        if (mode == StateMode.DELTA) {
            throw new IllegalArgumentException("--state-mode delta needs no training (it is exact with any weights);"
                    + " use reset or keyframe");
        }
        if (mode == StateMode.KEYFRAME) {
            b.optKeyFrames(new KeyFrameTraining(maxFrameStep, new KeyFrameSettings(
                    keyInterval != null ? keyInterval : clipFrames, adaptiveChange)));
        }
        if (warmup != null) {
            b.optWarmup(warmup, 1e-6);
        }
        if (!data.equals("synthetic")) {
            b.optCityscapesRoot(Path.of(data));
        }
        return b.build();
    }

    private Path initialWeights() throws IOException {
        if (initWeights.trim().equals(ModelSelection.SHIPPED)) {
            return ShippedWeights.resolve(preset);
        }
        Path p = Path.of(initWeights.trim());
        if (!java.nio.file.Files.isRegularFile(p) || !p.toString().endsWith(".params")) {
            throw new IllegalArgumentException("--init-weights must be a .params file or 'default', got '"
                    + initWeights + "'");
        }
        return p;
    }

    /** Parses {@code HxW}. */
    static int[] size(String option, String value) {
        String[] parts = value.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be HEIGHTxWIDTH, e.g. 128x256, got '" + value + "'");
    }
}
