package io.spikestream.inference.runtime;

import io.spikestream.inference.model.Spike2FormerConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Which model to run, in plain values (no DJL types): preset, weights, device and input size.
 *
 * @param preset an architecture preset ({@link Spike2FormerConfig#PRESETS}), or null for the one stored
 *     beside {@code .params} weights, else {@code tiny-cityscapes}
 * @param weights an official {@code .pth} or a {@code .params} file, or null for random weights
 * @param device {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param height network input height (multiple of 32), or 0 for the preset's usual size
 * @param width network input width (multiple of 32), or 0 for the preset's usual size
 */
public record ModelSelection(String preset, Path weights, String device, int height, int width) {

    /** The architecture: the preset, or the one stored beside {@code .params} weights. */
    public Spike2FormerConfig config() throws IOException {
        if (preset != null && !preset.isBlank()) {
            return Spike2FormerConfig.preset(preset);
        }
        if (weights != null && weights.toString().endsWith(".params")) {
            return ModelFiles.readConfig(weights);
        }
        return Spike2FormerConfig.preset("tiny-cityscapes");
    }

    /**
     * Loads the model.
     *
     * @return the runtime
     * @throws IOException when the weights cannot be read
     */
    public SegmentationRuntime open() throws IOException {
        Spike2FormerConfig config = config();
        int[] size = defaultSize(config);
        return SegmentationRuntime.open(config, weights, DeviceSpec.resolve(device),
                height > 0 ? height : size[0], width > 0 ? width : size[1]);
    }

    /**
     * The input size a preset is usually run at: Cityscapes-shaped for Cityscapes, square otherwise.
     *
     * @param config the architecture
     * @return {@code {height, width}}
     */
    public static int[] defaultSize(Spike2FormerConfig config) {
        if (config.name().equals("tiny-cityscapes")) {
            return new int[] {256, 512};
        }
        if (config.name().equals("cityscapes")) {
            return new int[] {512, 1024};
        }
        return new int[] {512, 512};
    }
}
