package io.spikestream.inference.runtime.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.head.SemanticInference;
import io.spikestream.inference.model.nn.OpAccounting;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.runtime.SegmentationRuntime;

/**
 * Forward-pass speed of a network at one input size: every timed pass allocates its tensors in a
 * scope closed after the pass, records no gradients, uses inference-mode BatchNorm and a fresh state,
 * as streaming inference does.
 */
public final class ModelBenchmark {

    private ModelBenchmark() {}

    /**
     * Result.
     *
     * @param forward timings of the forward pass alone
     * @param segment timings of forward pass plus semantic inference (labels at input size, on the host)
     * @param macs multiply-accumulates of one forward pass
     */
    public record Result(Timings forward, Timings segment, long macs) {

        /** Achieved rate of the forward pass, counting 2 floating-point operations per MAC. */
        public double gflopsPerSecond() {
            return 2.0 * macs / forward.median() / 1e6;
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param runtime the model on its device
     * @param batch frames per pass
     * @param warmups untimed passes
     * @param runs timed passes
     * @return timings and work
     */
    public static Result run(SegmentationRuntime runtime, int batch, int warmups, int runs) {
        try (NDManager m = NDManager.newBaseManager(runtime.device())) {
            NDArray input = m.randomNormal(new Shape(batch, 3, runtime.inputHeight(), runtime.inputWidth()));
            long macs = countMacs(runtime, input, m);
            Timings forward = Timings.measure(warmups, runs, () -> pass(runtime, input, false));
            Timings segment = Timings.measure(Math.min(warmups, 1), runs, () -> pass(runtime, input, true));
            return new Result(forward, segment, macs);
        }
    }

    private static long countMacs(SegmentationRuntime runtime, NDArray input, NDManager m) {
        try (NDScope arrays = new NDScope(); NDManager scope = m.newSubManager()) {
            OpAccounting accounting = new OpAccounting();
            runtime.model().forward(context(runtime, scope).optAccounting(accounting).build(), input, false);
            return accounting.totalMacs();
        }
    }

    private static void pass(SegmentationRuntime runtime, NDArray input, boolean segment) {
        try (NDScope arrays = new NDScope(); NDManager scope = input.getManager().newSubManager()) {
            HeadOutput out = runtime.model().forward(context(runtime, scope).build(), input, false);
            if (!segment) {
                out.maskLogits().sum().getFloat();
                return;
            }
            int h = runtime.inputHeight();
            int w = runtime.inputWidth();
            NDArray scores = SemanticInference.scores(out.classLogits().squeeze(1), out.maskLogits().squeeze(1), h, w,
                    SemanticInference.DEFAULT_CHUNK_ELEMENTS);
            for (int b = 0; b < scores.getShape().get(0); b++) {
                SemanticInference.trainIds(scores.get(new ai.djl.ndarray.index.NDIndex("{}:{}", b, b + 1)), h, w);
            }
        }
    }

    private static SpikeContext.Builder context(SegmentationRuntime runtime, NDManager scope) {
        return SpikeContext.builder(new ParameterStore(scope, false), runtime.device());
    }
}
