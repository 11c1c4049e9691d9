package io.spikestream.app;

import picocli.CommandLine.Command;

/** {@code spikestream model ...}: inspect the network. */
@Command(name = "model", description = "Inspect Spike2Former models.", mixinStandardHelpOptions = true,
        subcommands = {})
final class ModelCommand {}
