package io.spikestream.app;

import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.nn.OpAccounting;
import io.spikestream.inference.runtime.ModelInspector;
import io.spikestream.inference.runtime.ModelReport;
import io.spikestream.inference.runtime.ModelSelection;
import io.spikestream.inference.runtime.SegmentationRuntime;
import io.spikestream.vision.RgbImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spikestream model ...}: inspect the network. */
@Command(name = "model", description = "Inspect Spike2Former models.", mixinStandardHelpOptions = true,
        subcommands = {ModelCommand.Info.class})
final class ModelCommand {

    /** {@code spikestream model info}: parameters, FLOPs, state size, firing rates and energy. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Parameters per component, FLOPs, membrane-state, delta-state and keyframe-state size at an input size;"
                    + " with --weights and --image also firing rates and the energy estimate per frame.")
    static final class Info implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ModelOptions model;

        @Option(names = "--image", description = "An image to measure firing rates and energy on")
        Path image;

        @Option(names = "--layers", description = "Also list the firing rate of every neuron")
        boolean layers;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            ModelSelection selection = model.selection();
            Spike2FormerConfig config = selection.config();
            try (SegmentationRuntime runtime = selection.open()) {
                RgbImage frame = image != null ? Images.read(image)
                        : Images.grey(runtime.inputWidth(), runtime.inputHeight());
                ModelReport report = ModelInspector.inspect(runtime, frame);
                out.println("model: " + config);
                out.printf(Locale.ROOT, "input: %dx%d (height x width)%n", runtime.inputHeight(), runtime.inputWidth());
                out.println("parameters: " + report.totalParameters());
                printComponents(out, report.parameters(), "  %-40s %,d%n", 1);
                out.printf(Locale.ROOT, "FLOPs: %.2f GFLOP per frame (2 x %,d multiply-accumulates)%n",
                        2.0 * report.totalMacs() / 1e9, report.totalMacs());
                printComponents(out, report.macs(), "  %-40s %.2f GFLOP%n", 2e-9);
                out.printf(Locale.ROOT, "membrane potentials of one pass: %d neuron slots, %.1f MB (not kept between frames)%n",
                        report.neuronCalls(), report.stateBytes() / 1e6);
                out.printf(Locale.ROOT, "delta state (state.mode=delta): %.1f MB per camera (reference input and"
                        + " every stage's output; state.max.cameras bounds the cameras held)%n",
                        report.deltaStateBytes() / 1e6);
                out.printf(Locale.ROOT, "keyframe state (state.mode=keyframe): %.2f MB per camera (the key frame's"
                        + " 1/8 FPN output and queries)%n", report.keyFrameStateBytes() / 1e6);
                printActivity(out, report, config, selection.randomWeights());
            }
            return 0;
        }

        private void printActivity(PrintWriter out, ModelReport report, Spike2FormerConfig config,
                boolean randomWeights) {
            if (randomWeights || image == null) {
                out.println("firing rates and energy: pass --image" + (randomWeights
                        ? " and trained --weights (random weights fire meaninglessly)" : ""));
                return;
            }
            out.printf(Locale.ROOT, "mean firing rate: %.4f (normalised s/D, D = %d)%n", report.meanFiringRate(),
                    config.spikeLevels());
            out.printf(Locale.ROOT, "energy: %.3f mJ per frame (E_MAC 4.6 pJ for real-valued input, E_AC 0.9 pJ"
                    + " x T x D x rate for spikes)%n", report.energyMillijoules());
            if (layers) {
                for (OpAccounting.Firing f : report.firings()) {
                    out.printf(Locale.ROOT, "  %-70s %.4f%n", f.path(), f.meanCount() / config.spikeLevels());
                }
            }
        }

        private static void printComponents(PrintWriter out, Map<String, Long> values, String format, double scale) {
            values.forEach((name, v) -> {
                if (scale == 1) {
                    out.printf(Locale.ROOT, format, name, v);
                } else {
                    out.printf(Locale.ROOT, format, name, v * scale);
                }
            });
        }
    }
}
