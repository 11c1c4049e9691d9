package io.spikestream.inference.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.MembraneState;
import io.spikestream.inference.model.delta.DeltaCache;
import io.spikestream.inference.model.delta.DeltaSettings;
import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import io.spikestream.inference.model.nn.OpAccounting;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.vision.RgbImage;
import java.util.List;

/** Produces a {@link ModelReport} by running one accounted forward pass and one change-driven key frame. */
public final class ModelInspector {

    private ModelInspector() {}

    /**
     * Inspects a runtime's network on one frame (a real image for meaningful firing rates and
     * energy; any image for parameters and MACs).
     *
     * @param runtime the runtime (its weights and input size)
     * @param image the frame
     * @return the report
     */
    public static ModelReport inspect(SegmentationRuntime runtime, RgbImage image) {
        try (NDScope arrays = new NDScope(); NDManager scope = NDManager.newBaseManager(runtime.device())) {
            Preprocessor pre = new Preprocessor(runtime.inputHeight(), runtime.inputWidth());
            NDArray input = pre.batch(List.of(image), scope);
            OpAccounting accounting = new OpAccounting();
            SpikeContext ctx = SpikeContext.builder(new ParameterStore(scope, false), runtime.device())
                    .optCaptureState(true).optAccounting(accounting).build();
            runtime.model().forward(ctx, input, false);
            MembraneState state = ctx.finish();
            EnergyModel energy = new EnergyModel(1, runtime.model().config().spikeLevels());
            return new ModelReport(ModelReport.countParameters(runtime.model()),
                    ModelReport.macsPerComponent(accounting, 1), state.neuronCount(), state.sizeInBytes(),
                    deltaStateBytes(runtime, image), keyFrameStateBytes(runtime, image), accounting.firings(), energy.millijoules(accounting),
                    FiringRates.meanRate(accounting, energy.spikeLevels()));
        }
    }

    /** Bytes of a camera's key-frame cache after its first frame (independent of the key-frame settings). */
    private static long keyFrameStateBytes(SegmentationRuntime runtime, RgbImage image) {
        try (DeltaCache cache = new DeltaCache()) {
            runtime.segmentKeyFrames(List.of(image), List.of(cache), KeyFrameSettings.DEFAULT, false);
            return cache.bytes();
        }
    }

    /** Bytes of a camera's delta cache after one key frame (independent of the delta settings). */
    private static long deltaStateBytes(SegmentationRuntime runtime, RgbImage image) {
        try (DeltaCache cache = new DeltaCache()) {
            runtime.segmentDelta(List.of(image), List.of(cache), DeltaSettings.DEFAULT, false);
            return cache.bytes();
        }
    }
}
