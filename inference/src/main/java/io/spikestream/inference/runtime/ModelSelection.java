package io.spikestream.inference.runtime;

import io.spikestream.inference.model.Spike2FormerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which model to run, in plain values (no DJL types): preset, weights, device and input size.
 *
 * @param preset an architecture preset ({@link Spike2FormerConfig#PRESETS}), or null for the one stored
 *     beside {@code .params} weights, else {@code tiny-cityscapes}
 * @param weights an official {@code .pth} or a {@code .params} file, or null for random weights
 * @param device {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param height network input height (multiple of 32), or 0 for the size stored with the weights, else the
 *     preset's usual size
 * @param width network input width (multiple of 32), or 0 as for {@code height}
 */
public record ModelSelection(String preset, Path weights, String device, int height, int width) {

    /** Weights specification meaning "the weights shipped for the preset" ({@link ShippedWeights}). */
    public static final String SHIPPED = "default";
    /** Weights specification meaning "random initialisation" (plumbing tests, benchmarks). */
    public static final String RANDOM = "random";
    /** The preset used when neither a preset nor {@code .params} weights name one. */
    public static final String DEFAULT_PRESET = "tiny-cityscapes";

    /**
     * Resolves a weights specification as the CLI and the configuration take it.
     *
     * @param preset the preset, or null / blank for the default
     * @param weights a file, {@value #SHIPPED} (the shipped weights; an error when there are none),
     *     {@value #RANDOM}, or null / blank: the shipped weights when the preset has them, else random
     * @param device {@code cpu}, {@code gpu} or {@code gpu:N}
     * @param height input height, 0 for the weights' or preset's size
     * @param width input width, 0 for the weights' or preset's size
     * @return the selection
     * @throws IOException when shipped weights cannot be copied out of their jar
     */
    public static ModelSelection of(String preset, String weights, String device, int height, int width)
            throws IOException {
        String p = preset == null || preset.isBlank() ? null : preset;
        return new ModelSelection(p, weightsFile(p, weights), device, height, width);
    }

    /**
     * Checks a weights specification as {@link #of} reads it, without copying or loading anything (for
     * configuration checks at start-up).
     *
     * @param preset the preset, or null / blank for the default
     * @param weights the specification
     * @return what is wrong with it, or empty when it names weights that exist
     */
    public static Optional<String> weightsProblem(String preset, String weights) {
        String target = target(preset);
        return switch (Kind.of(weights)) {
            case AUTO, RANDOM -> Optional.empty();
            case SHIPPED -> ShippedWeights.exist(target) ? Optional.empty() : Optional.of("no weights are shipped"
                    + " for " + target + "; give an official .pth checkpoint or a .params file, or 'random'");
            case FILE -> Files.isRegularFile(Path.of(weights.trim())) ? Optional.empty() : Optional.of("no such"
                    + " file; give an official .pth checkpoint or a .params file, 'default' for the shipped weights"
                    + " or 'random'");
        };
    }

    private static Path weightsFile(String preset, String spec) throws IOException {
        String target = target(preset);
        return switch (Kind.of(spec)) {
            case AUTO -> ShippedWeights.find(target).orElse(null);
            case SHIPPED -> ShippedWeights.resolve(target);
            case RANDOM -> null;
            case FILE -> Path.of(spec.trim());
        };
    }

    private static String target(String preset) {
        return preset == null || preset.isBlank() ? DEFAULT_PRESET : preset;
    }

    /** What a weights specification asks for. */
    private enum Kind {
        /** Nothing given: the shipped weights when there are some, else random. */
        AUTO,
        SHIPPED,
        RANDOM,
        FILE;

        static Kind of(String spec) {
            String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
            return s.isEmpty() ? AUTO : s.equals(ModelSelection.SHIPPED) ? SHIPPED
                    : s.equals(ModelSelection.RANDOM) ? RANDOM : FILE;
        }
    }

    /** The architecture: the preset, or the one stored beside {@code .params} weights. */
    public Spike2FormerConfig config() throws IOException {
        if (preset != null && !preset.isBlank()) {
            return Spike2FormerConfig.preset(preset);
        }
        if (isParams()) {
            return ModelFiles.readConfig(weights);
        }
        return Spike2FormerConfig.preset(DEFAULT_PRESET);
    }

    /**
     * The network input: as given, else the size stored with {@code .params} weights (the training crop), else
     * the preset's usual size ({@link #defaultSize}).
     *
     * @return {@code {height, width}}
     * @throws IOException when the weights' properties cannot be read
     */
    public int[] inputSize() throws IOException {
        if (height > 0 && width > 0) {
            return new int[] {height, width};
        }
        Optional<int[]> trained = isParams() ? ModelFiles.readInputSize(weights) : Optional.empty();
        return trained.isPresent() ? trained.get() : defaultSize(config());
    }

    /**
     * The membrane-state mode stored with {@code .params} weights trained for one.
     *
     * @return the mode and its settings, or null for weights that name none (and for random or official weights)
     * @throws IOException when the weights' properties cannot be read or hold a bad mode
     */
    public StreamingDefaults streamingDefaults() throws IOException {
        return isParams() ? ModelFiles.readStreamingDefaults(weights).orElse(null) : null;
    }

    /**
     * One line for logs, e.g. {@code "tiny-cityscapes, weights /x/tiny-cityscapes.params, input 128x256, cpu"}.
     *
     * @throws IOException when the weights' properties cannot be read
     */
    public String describe() throws IOException {
        int[] size = inputSize();
        return config().name() + ", " + (randomWeights() ? "random weights" : "weights " + weights) + ", input "
                + size[0] + "x" + size[1] + ", " + device;
    }

    /** Whether the weights are random (no file). */
    public boolean randomWeights() {
        return weights == null;
    }

    /**
     * Loads the model.
     *
     * @return the runtime
     * @throws IOException when the weights cannot be read
     */
    public SegmentationRuntime open() throws IOException {
        int[] size = inputSize();
        return SegmentationRuntime.open(config(), weights, DeviceSpec.resolve(device), size[0], size[1]);
    }

    private boolean isParams() {
        return weights != null && weights.toString().endsWith(".params");
    }

    /**
     * The input size a preset is usually run at: Cityscapes-shaped for Cityscapes, square otherwise.
     *
     * @param config the architecture
     * @return {@code {height, width}}
     */
    public static int[] defaultSize(Spike2FormerConfig config) {
        if (config.name().equals(DEFAULT_PRESET)) {
            return new int[] {256, 512};
        }
        if (config.name().equals("cityscapes")) {
            return new int[] {512, 1024};
        }
        return new int[] {512, 512};
    }
}
