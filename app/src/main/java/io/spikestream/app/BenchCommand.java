package io.spikestream.app;

import ai.djl.Device;
import io.spikestream.inference.runtime.DeviceSpec;
import io.spikestream.inference.runtime.bench.ConvBaseline;
import io.spikestream.inference.runtime.bench.ModelBenchmark;
import picocli.CommandLine.Mixin;
import io.spikestream.inference.runtime.bench.Timings;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spikestream bench ...}: speed measurements whose output goes into docs/benchmarks.md. */
@Command(name = "bench", description = "Measure speed.", mixinStandardHelpOptions = true,
        subcommands = {BenchCommand.Model.class, BenchCommand.Conv.class, StreamBench.class, OverloadBench.class,
            PipelineBench.class})
final class BenchCommand {

    /** {@code spikestream bench model}: forward latency, frames/s and achieved GFLOP/s. */
    @Command(name = "model", mixinStandardHelpOptions = true,
            description = "Median forward latency, frames/s and achieved GFLOP/s after warm-up, and their ratio to"
                    + " libtorch's 3x3 convolution rate measured in the same run.")
    static final class Model implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ModelOptions model;

        @Option(names = "--batch", defaultValue = "1", description = "Frames per pass (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--warmup", defaultValue = "3", description = "Untimed passes (default: ${DEFAULT-VALUE})")
        int warmup;

        @Option(names = "--runs", defaultValue = "10", description = "Timed passes (default: ${DEFAULT-VALUE})")
        int runs;

        @Override
        public Integer call() throws java.io.IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (io.spikestream.inference.runtime.SegmentationRuntime runtime = model.open()) {
                ModelBenchmark.Result r = ModelBenchmark.run(runtime, batch, warmup, runs);
                double perFrame = r.forward().median() / batch;
                out.printf(Locale.ROOT, "model %s, input %dx%d, batch %d, %s, %d runs after %d warm-up%n",
                        runtime.model().config().name(), runtime.inputHeight(), runtime.inputWidth(), batch,
                        runtime.device(), runs, warmup);
                out.printf(Locale.ROOT, "forward: median %.1f ms (p90 %.1f ms), %.2f frames/s, %.2f GFLOP per pass,"
                        + " %.1f GFLOP/s%n", r.forward().median(), r.forward().quantile(0.9), 1000 / perFrame,
                        2.0 * r.macs() / 1e9, r.gflopsPerSecond());
                out.printf(Locale.ROOT, "forward + semantic inference: median %.1f ms (p90 %.1f ms), %.2f frames/s%n",
                        r.segment().median(), r.segment().quantile(0.9), 1000 * batch / r.segment().median());
                double convRate = ConvBaseline.flops() / ConvBaseline.run(runtime.device(), 5, 30).median() / 1e6;
                out.printf(Locale.ROOT, "conv rate: %.1f GFLOP/s (bench conv, same run)%n", convRate);
                out.printf(Locale.ROOT, "vs conv: %.3f%n", r.gflopsPerSecond() / convRate);
            }
            return 0;
        }
    }

    /** {@code spikestream bench conv}: libtorch's 3x3 convolution rate on this machine. */
    @Command(name = "conv", mixinStandardHelpOptions = true,
            description = "Rate of a libtorch 3x3 convolution (64->64 channels, 1x64x128x256), the reference.")
    static final class Conv implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE})")
        String device;

        @Option(names = "--warmup", defaultValue = "5", description = "Untimed runs (default: ${DEFAULT-VALUE})")
        int warmup;

        @Option(names = "--runs", defaultValue = "30", description = "Timed runs (default: ${DEFAULT-VALUE})")
        int runs;

        @Override
        public Integer call() {
            Device d = DeviceSpec.resolve(device);
            Timings t = ConvBaseline.run(d, warmup, runs);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "conv3x3 64->64 1x64x128x256 on %s: median %.2f ms, p90 %.2f ms, %.1f GFLOP/s%n",
                    d, t.median(), t.quantile(0.9), ConvBaseline.flops() / t.median() / 1e6);
            return 0;
        }
    }
}
