package io.spikestream.app;

import io.spikestream.inference.runtime.ModelSelection;
import io.spikestream.inference.runtime.SegmentationRuntime;
import java.io.IOException;
import picocli.CommandLine.Option;

/** Options shared by every command that builds a model: architecture, weights, device, input size. */
final class ModelOptions {

    @Option(names = "--preset", description = "ade20k, cityscapes, voc, voc-released or tiny-cityscapes"
            + " (default: the architecture stored with --weights, else tiny-cityscapes)")
    String preset;

    /** Help of {@code --weights}, shared with {@code infer} and {@code demo}. */
    static final String WEIGHTS_HELP = "Official .pth checkpoint, spikestream .params file, 'default' (the weights"
            + " shipped for the preset) or 'random' (default: the shipped weights when the preset has them, i.e."
            + " tiny-cityscapes, else random)";
    /** Help of {@code --height}, shared with {@code infer} and {@code demo}. */
    static final String HEIGHT_HELP = "Network input height, multiple of 32 (default: the size stored with .params"
            + " weights, else per preset)";

    @Option(names = "--weights", description = WEIGHTS_HELP)
    String weights;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--height", description = HEIGHT_HELP)
    Integer height;

    @Option(names = "--width", description = "Network input width, multiple of 32 (default: per preset)")
    Integer width;

    /** The model these options select. */
    ModelSelection selection() throws IOException {
        return ModelSelection.of(preset, weights, device, height != null ? height : 0, width != null ? width : 0);
    }

    /** Builds the runtime with the chosen weights, device and input size. */
    SegmentationRuntime open() throws IOException {
        return selection().open();
    }
}
