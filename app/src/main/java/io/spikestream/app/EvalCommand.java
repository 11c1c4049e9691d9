package io.spikestream.app;

import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.delta.DeltaSettings;
import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import io.spikestream.inference.runtime.BatchingOptions;
import io.spikestream.inference.runtime.BatchingSegmenter;
import io.spikestream.inference.runtime.ModelSelection;
import io.spikestream.inference.runtime.StateMode;
import io.spikestream.inference.runtime.StreamingDefaults;
import io.spikestream.training.data.CityscapesDataset;
import io.spikestream.training.data.SegmentationDataset;
import io.spikestream.training.data.SyntheticDataset;
import io.spikestream.training.eval.EvalResult;
import io.spikestream.training.eval.Evaluator;
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
 * {@code spikestream eval}: per-class IoU and mIoU (Cityscapes conventions, ignore 255) of weights on held-out
 * synthetic clips or a Cityscapes-layout {@code val} split.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate weights: per-class IoU table and mIoU on synthetic held-out clips or Cityscapes val.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", description = "Architecture (default: stored with .params weights, else tiny-cityscapes)")
    String preset;

    @Option(names = "--weights", required = true,
            description = "Official .pth, spikestream .params, or 'default' for the shipped weights of the preset")
    String weights;

    @Option(names = "--data", defaultValue = "synthetic",
            description = "'synthetic' or a folder with leftImg8bit/val and gtFine/val (default: ${DEFAULT-VALUE})")
    String data;

    @Option(names = "--seed", defaultValue = "9001", description = "First synthetic clip seed; held-out seeds"
            + " start at 9000, training uses lower ones (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--clips", defaultValue = "4", description = "Synthetic clips, --clip-frames frames each (default: ${DEFAULT-VALUE})")
    int clips;

    @Option(names = "--height", description = "Network input height (default: the size the .params weights were"
            + " trained at, else the preset's usual size)")
    Integer height;

    @Option(names = "--width", description = "Network input width (default: as --height)")
    Integer width;

    @Option(names = "--frame", defaultValue = "256x512", description = "Synthetic frame HxW; frames are resized to"
            + " the network input and predictions back (default: ${DEFAULT-VALUE})")
    String frame;

    @Option(names = "--clip-frames", defaultValue = "1", description = "Consecutive frames per synthetic clip, each"
            + " clip segmented as one camera's stream (default: ${DEFAULT-VALUE})")
    int clipFrames;

    @Option(names = "--frame-step", defaultValue = "1", description = "Rendered frames between consecutive frames of a"
            + " clip: 2 halves the clip's frame rate (17 frames/s) (default: ${DEFAULT-VALUE})")
    int frameStep;

    @Option(names = "--state-mode", defaultValue = "reset", description = "reset (each frame on its own), keyframe or"
            + " delta (each clip as one camera in that mode; the delta mode at its streaming defaults) (default:"
            + " ${DEFAULT-VALUE})")
    String stateMode;

    @Mixin
    KeyFrameOptions keyFrameOptions;

    @Option(names = "--export-labelids", description = "Write one labelId PNG per image here (benchmark format)")
    Path exportDir;

    @Mixin
    SceneCameraOption sceneCamera;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ModelSelection selection = ModelSelection.of(preset, weights, "cpu", height != null ? height : 0,
                width != null ? width : 0);
        if (selection.randomWeights()) {
            throw new IllegalArgumentException("eval needs weights: a .params or .pth file, or 'default'");
        }
        Path file = selection.weights();
        Spike2FormerConfig config = selection.config();
        int[] size = selection.inputSize();
        SegmentationDataset dataset = dataset(out);
        out.printf(Locale.ROOT, "evaluating %s (%s) on %d images at %dx%d%n", file, config.name(), dataset.size(),
                size[0], size[1]);
        StateMode mode = StateMode.of(stateMode);
        EvalResult r = mode == StateMode.RESET && clipFrames == 1
                ? Evaluator.evaluate(file, config, dataset, size[0], size[1], exportDir)
                : evaluateStreams(selection, mode, dataset, out);
        out.println(r.table());
        out.printf(Locale.ROOT, "pixel accuracy: %.1f%n", 100 * r.matrix().pixelAccuracy());
        out.printf(Locale.ROOT, "mIoU: %.1f%n", 100 * r.meanIoU());
        out.printf(Locale.ROOT, "recomputed: %.3f%n", r.meanRecomputed());
        out.printf(Locale.ROOT, "%d images in %.1f s%n", r.images(), r.seconds());
        return 0;
    }

    /** Each clip as one camera's frames through the streaming segmenter in {@code mode}. */
    private EvalResult evaluateStreams(ModelSelection selection, StateMode mode, SegmentationDataset dataset,
            PrintWriter out) throws IOException {
        KeyFrameSettings keyFrames = keyFrameOptions.settings(selection.streamingDefaults());
        out.printf(Locale.ROOT, "each clip of %d frames as one camera, state.mode=%s%s%n", clipFrames,
                mode.configName(), mode == StateMode.KEYFRAME ? ", key frames " + keyFrames.describe() : "");
        BatchingOptions options = new BatchingOptions(1, 0, mode, DeltaSettings.DEFAULT, keyFrames, 0, 1, 0, 1);
        try (BatchingSegmenter segmenter = BatchingSegmenter.open(selection, options)) {
            return Evaluator.evaluate(segmenter, dataset, exportDir, clipFrames);
        }
    }

    SegmentationDataset dataset(PrintWriter out) throws IOException {
        sceneCamera.requireSynthetic(data.equals("synthetic"), "a Cityscapes folder as --data");
        if (!data.equals("synthetic")) {
            return new CityscapesDataset(Path.of(data), "val");
        }
        if (clips < 1) {
            throw new IllegalArgumentException("--clips must be at least 1, got " + clips);
        }
        if (seed < SyntheticDataset.EVAL_FIRST_SEED) {
            out.println("note: seeds below " + SyntheticDataset.EVAL_FIRST_SEED + " are training clips, not held out");
        }
        int[] f = TrainCommand.size("--frame", frame);
        if (clipFrames < 1) {
            throw new IllegalArgumentException("--clip-frames must be at least 1, got " + clipFrames);
        }
        if (frameStep < 1) {
            throw new IllegalArgumentException("--frame-step must be at least 1, got " + frameStep);
        }
        return SyntheticDataset.evaluation((int) (seed - SyntheticDataset.EVAL_FIRST_SEED), clips, clipFrames,
                frameStep, f[1], f[0])
                .withCamera(sceneCamera.kind());
    }
}
