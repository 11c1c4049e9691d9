package io.spikestream.app;

import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.runtime.ModelSelection;
import io.spikestream.inference.runtime.SegmentationRuntime;
import java.io.IOException;
import picocli.CommandLine.Option;

/** Options shared by every command that builds a model: architecture, weights, device, input size. */
final class ModelOptions {

    @Option(names = "--preset", description = "ade20k, cityscapes, voc, voc-released or tiny-cityscapes"
            + " (default: the architecture stored with --weights, else tiny-cityscapes)")
    String preset;

    @Option(names = "--weights", description = "Official .pth checkpoint, spikestream .params file, 'default' (the weights shipped for the"
            + " preset) or 'random' (default: the shipped weights when the preset has them, i.e. tiny-cityscapes,"
            + " else random)")
    String weights;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--height", description = "Network input height, multiple of 32 (default: the size stored"
            + " with .params weights, else per preset)")
    Integer height;

    @Option(names = "--width", description = "Network input width, multiple of 32 (default: per preset)")
    Integer width;

    /** The model these options select. */
    ModelSelection selection() throws IOException {
        return ModelSelection.of(preset, weights, device, height != null ? height : 0, width != null ? width : 0);
    }

    /** The architecture: the preset, or the one stored beside {@code .params} weights. */
    Spike2FormerConfig config() throws IOException {
        return selection().config();
    }

    /** Builds the runtime with the chosen weights, device and input size. */
    SegmentationRuntime open() throws IOException {
        return selection().open();
    }
}
