package io.spikestream.app;

import io.spikestream.inference.model.delta.DeltaSettings;
import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import io.spikestream.inference.runtime.ModelSelection;
import io.spikestream.inference.runtime.SegmentationRuntime;
import io.spikestream.inference.runtime.StateMode;
import io.spikestream.inference.runtime.StreamingDefaults;
import io.spikestream.inference.runtime.bench.ChangePropagation;
import io.spikestream.inference.runtime.bench.StreamBenchmark.Run;
import io.spikestream.inference.runtime.bench.StreamBenchmark;
import io.spikestream.scenes.CameraKind;
import io.spikestream.scenes.SceneFrame;
import io.spikestream.scenes.SceneGenerator;
import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.ConfusionMatrix;
import io.spikestream.vision.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikestream bench stream}: per-frame ({@code reset}) against change-driven ({@code delta}) or key-frame
 * ({@code keyframe}) inference on the same synthetic clip, after the JPEG round trip that ingest applies, with
 * exact ground truth.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Time, work, energy and mIoU of a membrane-state mode against per-frame inference on one clip.")
final class StreamBench implements Callable<Integer> {

    /** The threshold recommended for JPEG-compressed cameras with sensor noise (docs/benchmarks.md). */
    static final double RECOMMENDED_THRESHOLD = 24;
    /** Quality of the JPEG round trip: ingest's default {@code jpeg.quality}. */
    private static final int JPEG_QUALITY = 85;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--mode", description = "The mode compared with reset: delta or keyframe (default: the mode"
            + " stored with the weights, else delta)")
    String mode;

    @Mixin
    KeyFrameOptions keyFrameOptions;

    @Option(names = "--drop", defaultValue = "0", description = "Share of frames dropped at random (seeded), as"
            + " live shedding or a lossy link would: both modes see the same frames (default: ${DEFAULT-VALUE})")
    double drop;

    @Option(names = "--fps", description = "Frame rate the clip is rendered at (default: "
            + SceneGenerator.DEFAULT_FRAME_RATE + ", as training's clips)")
    Double fps;

    @Option(names = "--camera", defaultValue = "driving", description = "Synthetic camera: driving or fixed (default: ${DEFAULT-VALUE})")
    String camera;

    @Option(names = "--frames", defaultValue = "30", description = "Frames of the clip (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--seed", defaultValue = "9300", description = "Clip seed; held-out seeds are 9000 and up (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threshold", description = "Grey levels a pixel must change by for its tile to be recomputed;"
            + " 0 = exact (default: " + RECOMMENDED_THRESHOLD + ")")
    Double threshold;

    @Option(names = "--tile", defaultValue = "16", description = "Tile edge in network-input pixels, 16 or 32 (default: ${DEFAULT-VALUE})")
    int tile;

    @Option(names = "--dense-bound", defaultValue = "0.5", description = "A stage runs on its whole map when its windows"
            + " would cover more than this share of it (default: ${DEFAULT-VALUE})")
    double denseBound;

    @Option(names = "--context-bound", description = "The context (1/8 level and coarser) is kept from the last refresh"
            + " while at most this share of the input tiles differ from the input it was computed from; 0 = recompute"
            + " it at every change (default: " + DeltaSettings.DEFAULT_CONTEXT_BOUND + ", 0 with --threshold 0)")
    Double contextBound;

    @Option(names = "--propagation", description = "Also print how far the change between frames 1 and 2 travels:"
            + " per feature map, the share of pixels where any channel differs between dense passes")
    boolean propagation;

    @Override
    public Integer call() throws IOException {
        CameraKind kind;
        try {
            kind = CameraKind.parse(camera);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--camera: " + e.getMessage());
        }
        DeltaSettings settings = DeltaSettings.of(threshold == null ? RECOMMENDED_THRESHOLD : threshold, tile,
                denseBound, contextBound);
        PrintWriter out = spec.commandLine().getOut();
        ModelSelection selection = model.selection();
        StreamingDefaults stored = selection.streamingDefaults();
        StateMode chosen = chosenMode(stored);
        mode = chosen.configName();
        KeyFrameSettings keyFrames = keyFrames(stored);
        try (SegmentationRuntime runtime = selection.open()) {
            Clip clip = clip(kind, runtime.inputHeight() * 2, runtime.inputWidth() * 2);
            out.printf(Locale.ROOT, "model %s, input %dx%d, %s camera, seed %d, %d of %d frames of %dx%d at %s"
                    + " frames/s (JPEG %d), mode %s, %s%n", runtime.modelId(), runtime.inputHeight(), runtime.inputWidth(),
                    camera, seed, clip.images().size(), frames, runtime.inputWidth() * 2, runtime.inputHeight() * 2, trim(frameRate()),
                    JPEG_QUALITY, mode, chosen == StateMode.KEYFRAME ? "key frames " + keyFrames.describe()
                            : "threshold " + trim(settings.threshold()) + ", tile " + tile + ", context bound "
                                    + trim(settings.contextBound()));
            StreamBenchmark.Comparison c = StreamBenchmark.compare(runtime, clip.images(),
                    chosen == StateMode.KEYFRAME ? StreamBenchmark.keyFrames(keyFrames) : StreamBenchmark.delta(settings));
            print(out, c.reset(), c.delta(), clip);
            if (propagation && clip.images().size() > 2) {
                out.println("changed pixels per map (frame 2 vs 1):" + perStage(ChangePropagation.measure(
                        runtime.model(), runtime.inputHeight(), runtime.inputWidth(), clip.images().get(1),
                        clip.images().get(2), settings.threshold(), settings.tile()), "%.2f"));
            }
        }
        return 0;
    }

    /** The mode asked for, else the weights', else delta; reset is what the others are compared with. */
    private StateMode chosenMode(StreamingDefaults stored) {
        StateMode m;
        try {
            m = StreamingDefaults.modeOf(mode, stored);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--mode: " + e.getMessage());
        }
        if (m == StateMode.RESET) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--mode must be delta or keyframe: reset is what they are compared with");
        }
        return m;
    }

    private KeyFrameSettings keyFrames(StreamingDefaults stored) {
        try {
            return keyFrameOptions.settings(stored);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private double frameRate() {
        return fps != null ? fps : SceneGenerator.DEFAULT_FRAME_RATE;
    }

    private void print(PrintWriter out, Run reset, Run delta, Clip clip) {
        out.printf(Locale.ROOT, "reset ms/frame: %.1f%n", reset.meanMillis());
        out.printf(Locale.ROOT, "%s ms/frame: %.1f%n", mode, delta.meanMillis());
        out.printf(Locale.ROOT, "time ratio: %.3f%n", delta.meanMillis() / reset.meanMillis());
        out.printf(Locale.ROOT, "median time ratio: %.3f%n", delta.medianMillis() / reset.medianMillis());
        out.printf(Locale.ROOT, "flop ratio: %.3f%n", delta.meanRecomputed());
        out.printf(Locale.ROOT, "energy ratio: %.3f%n", delta.meanEnergy() / reset.meanEnergy());
        out.printf(Locale.ROOT, "mIoU reset: %.1f%n", 100 * miou(reset, clip));
        out.printf(Locale.ROOT, "mIoU %s: %.1f%n", mode, 100 * miou(delta, clip));
        out.printf(Locale.ROOT, "pixel agreement: %.3f%n", StreamBenchmark.pixelAgreement(reset, delta));
        out.println("dirty fraction per stage:" + perStage(delta.stageShares(), "%.2f"));
        out.println(mode + " ms per stage:" + perStage(delta.stageMillis(), "%.1f"));
    }

    private static String perStage(Map<String, Double> values, String format) {
        StringBuilder line = new StringBuilder();
        values.forEach((k, v) -> line.append(' ').append(k).append('=').append(String.format(Locale.ROOT, format, v)));
        return line.toString();
    }

    private static double miou(Run run, Clip clip) {
        ConfusionMatrix m = new ConfusionMatrix(Cityscapes.NUM_CLASSES);
        for (int i = 0; i < clip.labels().size(); i++) {
            m.add(clip.labels().get(i), run.masks().get(i));
        }
        return m.meanIoU();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The clip's frames after the JPEG round trip, and their ground truth. */
    private record Clip(List<RgbImage> images, List<byte[]> labels) {}

    private Clip clip(CameraKind kind, int height, int width) {
        if (!(frameRate() > 0)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--fps must be positive, got " + fps);
        }
        SceneGenerator generator = SceneGenerator.builder().setSeed(seed).optSize(width, height).optFrames(frames)
                .optFrameRate(frameRate()).optCamera(kind).build();
        if (!(drop >= 0 && drop < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--drop must be in [0, 1), got " + drop);
        }
        java.util.SplittableRandom dropped = new java.util.SplittableRandom(seed);
        List<RgbImage> images = new ArrayList<>(frames);
        List<byte[]> labels = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            if (i > 0 && dropped.nextDouble() < drop) {
                continue;
            }
            SceneFrame f = generator.render(i);
            images.add(RgbImage.of(jpegRoundTrip(f.image())));
            labels.add(f.labels());
        }
        return new Clip(images, labels);
    }

    private static BufferedImage jpegRoundTrip(BufferedImage image) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY / 100f);
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG round trip failed", e);
        }
    }
}
