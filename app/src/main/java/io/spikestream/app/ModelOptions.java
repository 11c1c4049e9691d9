package io.spikestream.app;

import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.runtime.DeviceSpec;
import io.spikestream.inference.runtime.ModelFiles;
import io.spikestream.inference.runtime.SegmentationRuntime;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by every command that builds a model: architecture, weights, device, input size. */
final class ModelOptions {

    @Option(names = "--preset", description = "ade20k, cityscapes, voc, voc-released or tiny-cityscapes"
            + " (default: the architecture stored with --weights, else tiny-cityscapes)")
    String preset;

    @Option(names = "--weights", description = "Official .pth checkpoint or spikestream .params file"
            + " (default: random weights)")
    Path weights;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--height", description = "Network input height, multiple of 32 (default: per preset)")
    Integer height;

    @Option(names = "--width", description = "Network input width, multiple of 32 (default: per preset)")
    Integer width;

    /** The architecture: the preset, or the one stored beside {@code .params} weights. */
    Spike2FormerConfig config() throws IOException {
        if (preset != null) {
            return Spike2FormerConfig.preset(preset);
        }
        if (weights != null && weights.toString().endsWith(".params")) {
            return ModelFiles.readConfig(weights);
        }
        return Spike2FormerConfig.preset("tiny-cityscapes");
    }

    /** Builds the runtime with the chosen weights, device and input size. */
    SegmentationRuntime open() throws IOException {
        Spike2FormerConfig config = config();
        int[] size = defaultSize(config);
        return SegmentationRuntime.open(config, weights, DeviceSpec.resolve(device),
                height != null ? height : size[0], width != null ? width : size[1]);
    }

    /** The input size a preset is usually run at: Cityscapes-shaped for Cityscapes, square otherwise. */
    static int[] defaultSize(Spike2FormerConfig config) {
        if (config.name().equals("tiny-cityscapes")) {
            return new int[] {256, 512};
        }
        if (config.name().equals("cityscapes")) {
            return new int[] {512, 1024};
        }
        return new int[] {512, 512};
    }
}
