package io.spikestream.app;

import picocli.CommandLine.Option;

/** {@code --frame-width} and {@code --frame-height}: the size of the synthetic frames a command renders. */
final class FrameSizeOptions {

    @Option(names = "--frame-width", defaultValue = "512", description = "Synthetic frame width (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--frame-height", defaultValue = "256", description = "Synthetic frame height (default: ${DEFAULT-VALUE})")
    int height;
}
