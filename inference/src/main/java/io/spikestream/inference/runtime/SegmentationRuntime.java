package io.spikestream.inference.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.MembraneState;
import io.spikestream.inference.model.Spike2Former;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.delta.DeltaCache;
import io.spikestream.inference.model.delta.DeltaNetwork;
import io.spikestream.inference.model.delta.DeltaOutput;
import io.spikestream.inference.model.delta.DeltaSettings;
import io.spikestream.inference.model.delta.StageCosts;
import io.spikestream.inference.model.head.SemanticInference;
import io.spikestream.inference.model.keyframe.KeyFrameNetwork;
import io.spikestream.inference.model.keyframe.KeyFrameRunner;
import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import io.spikestream.inference.model.nn.OpAccounting;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.vision.RgbImage;
import io.spikestream.vision.SegmentationOutput;
import io.spikestream.vision.Segmenter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs Spike2Former on batches of frames on one device: preprocessing, one forward pass for the whole
 * batch (frames of several cameras), semantic inference at each frame's own size, and the membrane
 * state of every frame split out for its camera.
 *
 * <p>Every per-batch tensor lives in a sub-manager and an {@link NDScope} closed when the batch is done; the only arrays that
 * outlive a batch are the returned membrane states, which the caller owns and closes. Not thread-safe:
 * one thread owns a runtime (see {@code BatchingSegmenter}).
 */
public final class SegmentationRuntime implements AutoCloseable {

    private final Spike2Former<?, ?> model;
    private final NDManager manager;
    private final ParameterStore store;
    private final Preprocessor preprocessor;
    private final EnergyModel energy;
    private final String modelId;
    private DeltaNetwork delta;
    private KeyFrameRunner keyFrames;
    private StageCosts stageCosts;

    private SegmentationRuntime(Spike2Former<?, ?> model, NDManager manager, int height, int width, String modelId) {
        this.model = model;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
        this.preprocessor = new Preprocessor(height, width);
        this.energy = new EnergyModel(1, model.config().spikeLevels());
        this.modelId = modelId;
    }

    /**
     * Builds the model on a device, loads weights and folds its BatchNorms for inference
     * ({@link Spike2Former#foldBatchNormsForInference()}; {@link ModelFiles#build} gives the model unfolded).
     *
     * @param config the architecture
     * @param weights an official {@code .pth} or our {@code .params} file; null for random weights
     * @param device the device
     * @param height network input height (multiple of 32)
     * @param width network input width (multiple of 32)
     * @return the runtime
     * @throws IOException when the weights cannot be read
     */
    public static SegmentationRuntime open(Spike2FormerConfig config, Path weights, Device device, int height,
            int width) throws IOException {
        NDManager manager = NDManager.newBaseManager(device);
        try {
            Spike2Former<?, ?> model = ModelFiles.build(config, weights, manager, height, width);
            model.foldBatchNormsForInference();
            String id = config.name() + (weights == null ? "@random" : "@" + weights.getFileName());
            return new SegmentationRuntime(model, manager, height, width, id);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A runtime over a model someone else owns, e.g. one being trained: its parameters stay where they are and
     * {@link #close()} frees only what the runtime made.
     *
     * @param model the network, in inference mode for its forward passes (running BN statistics)
     * @param parameters the manager holding the model's parameters
     * @param height network input height (multiple of 32)
     * @param width network input width (multiple of 32)
     * @return the runtime
     */
    public static SegmentationRuntime borrowing(Spike2Former<?, ?> model, NDManager parameters, int height, int width) {
        return new SegmentationRuntime(model, parameters.newSubManager(), height, width,
                model.config().name() + "@in-memory");
    }

    /** The network. */
    public Spike2Former<?, ?> model() {
        return model;
    }

    /** Identifies architecture and weights, e.g. {@code tiny-cityscapes@default.params}. */
    public String modelId() {
        return modelId;
    }

    /** The device the model runs on. */
    public Device device() {
        return manager.getDevice();
    }

    /** Network input height. */
    public int inputHeight() {
        return preprocessor.height();
    }

    /** Network input width. */
    public int inputWidth() {
        return preprocessor.width();
    }

    /**
     * Segments a batch.
     *
     * @param frames the frames, any sizes
     * @param states per frame, its camera's carried state or null for a fresh one
     * @param options what to compute besides the masks
     * @return per-frame masks and states, and batch timings
     */
    public BatchOutput segment(List<RgbImage> frames, List<MembraneState> states, RunOptions options) {
        if (frames.isEmpty() || frames.size() != states.size()) {
            throw new IllegalArgumentException("Need one state entry (or null) per frame, got "
                    + frames.size() + " frames and " + states.size() + " states");
        }
        // Ops whose first operand is a parameter put their results in the model's manager; the
        // NDScope frees those too.
        try (NDScope arrays = new NDScope(); NDManager scope = manager.newSubManager()) {
            long t0 = System.nanoTime();
            NDArray input = preprocessor.batch(frames, scope);
            MembraneState carried = mergeStates(states, scope);
            OpAccounting accounting = options.accounting() ? new OpAccounting() : null;
            SpikeContext ctx = SpikeContext.builder(store, input.getDevice()).optState(carried)
                    .optCaptureState(options.captureState()).optAccounting(accounting).build();
            long t1 = System.nanoTime();
            HeadOutput out = model.forward(ctx, input, false);
            MembraneState next = ctx.finish();
            out.maskLogits().getFloat(0, 0, 0, 0, 0);
            long t2 = System.nanoTime();
            List<FrameOutput> outputs = postprocess(frames, out, next);
            long t3 = System.nanoTime();
            return new BatchOutput(outputs, t1 - t0, t2 - t1, t3 - t2, Stats.of(accounting, energy, frames.size()));
        }
    }

    private MembraneState mergeStates(List<MembraneState> states, NDManager scope) {
        MembraneState template = states.stream().filter(s -> s != null).findFirst().orElse(null);
        if (template == null) {
            return null;
        }
        List<MembraneState> filled = new ArrayList<>(states.size());
        for (MembraneState s : states) {
            filled.add(s != null ? s : MembraneState.zerosLike(template, scope));
        }
        return MembraneState.concatBatch(filled);
    }

    private List<FrameOutput> postprocess(List<RgbImage> frames, HeadOutput out, MembraneState next) {
        NDArray cls = out.classLogits().squeeze(1);
        NDArray masks = out.maskLogits().squeeze(1);
        List<MembraneState> split = next == null ? null : next.splitBatch();
        List<FrameOutput> outputs = new ArrayList<>(frames.size());
        for (int b = 0; b < frames.size(); b++) {
            RgbImage f = frames.get(b);
            NDArray scores = SemanticInference.scores(cls.get(b).expandDims(0), masks.get(b).expandDims(0),
                    inputHeight(), inputWidth(), SemanticInference.DEFAULT_CHUNK_ELEMENTS);
            MembraneState state = split == null ? null : split.get(b).attach(manager).keepBeyondScope();
            outputs.add(frameOutput(f, scores, 1.0, state));
        }
        return outputs;
    }

    /** A frame's result from its per-class scores {@code (1, K, H, W)} at the network input size. */
    private FrameOutput frameOutput(RgbImage frame, NDArray scores, double recomputed, MembraneState state) {
        byte[] trainIds = SemanticInference.trainIds(scores, frame.height(), frame.width());
        return new FrameOutput(frame.width(), frame.height(), trainIds, classCounts(trainIds), recomputed, state);
    }

    private long[] classCounts(byte[] trainIds) {
        long[] counts = new long[model.config().numClasses()];
        for (byte id : trainIds) {
            int c = id & 0xff;
            if (c < counts.length) {
                counts[c]++;
            }
        }
        return counts;
    }

    /**
     * Segments one frame of a camera change-driven; see {@link #segmentDelta(List, List, DeltaSettings, boolean)}.
     *
     * @param frame the frame
     * @param cache the camera's cache, empty for a key frame; updated
     * @param settings threshold, tile and dense bound
     * @param accounting also record operations for firing rate and energy (slower)
     * @return the frame's mask, what was recomputed per stage and the timings
     */
    public DeltaFrame segmentDelta(RgbImage frame, DeltaCache cache, DeltaSettings settings, boolean accounting) {
        return cachedFrame(cachedPass(List.of(frame), List.of(cache), deltaPass(settings), accounting));
    }

    /**
     * Segments one frame of a moving camera; see {@link #segmentKeyFrames}.
     *
     * @param frame the frame
     * @param cache the camera's cache, empty before its first frame; updated
     * @param settings when a frame is a key frame
     * @param accounting also record operations for firing rate and energy (slower)
     * @return the frame's mask, whether it was a key frame (recomputed 1) and the timings
     */
    public DeltaFrame segmentKeyFrame(RgbImage frame, DeltaCache cache, KeyFrameSettings settings,
            boolean accounting) {
        return cachedFrame(cachedPass(List.of(frame), List.of(cache), keyFramePass(settings), accounting));
    }

    /**
     * Segments a batch in {@code keyframe} mode ({@link KeyFrameRunner}): a camera's key frame runs the whole
     * network and keeps its context, its other frames recompute the finest levels only and reuse the context.
     *
     * @param frames the frames, any sizes
     * @param caches per frame, its camera's cache (empty before its first frame); updated in place and owned by the
     *     runtime's manager until the caller closes them
     * @param settings when a frame is a key frame
     * @param accounting also record operations for firing rate and energy (slower)
     * @return per-frame masks with their recomputed fraction, and batch timings
     */
    public BatchOutput segmentKeyFrames(List<RgbImage> frames, List<DeltaCache> caches, KeyFrameSettings settings,
            boolean accounting) {
        return segmentCached(frames, caches, keyFramePass(settings), accounting);
    }

    private static DeltaFrame cachedFrame(DeltaBatch batch) {
        BatchOutput out = batch.output();
        return new DeltaFrame(out.frames().get(0).trainIds(), out.frames().get(0).recomputedFraction(),
                batch.stageShares(), batch.stageMillis(), out.stats(), out.preprocessNanos(),
                out.inferenceNanos() + out.postprocessNanos());
    }

    /**
     * Segments a batch change-driven ({@link DeltaNetwork}): for each camera only what its frame changed since its
     * cache was computed is recomputed, the windows of all cameras in one pass. Cameras whose caches hold other
     * values (key frames from an empty cache, frames after a full pass) run as separate passes. The first call at an input size measures each stage's dense
     * work once (one extra pass), to weigh the recomputed fraction.
     *
     * @param frames the frames, any sizes
     * @param caches per frame, its camera's cache (empty for a key frame); updated in place and owned by the
     *     runtime's manager until the caller closes them
     * @param settings threshold, tile and dense bound
     * @param accounting also record operations for firing rate and energy (slower)
     * @return per-frame masks with their recomputed fraction (no membrane state), and batch timings
     */
    public BatchOutput segmentDelta(List<RgbImage> frames, List<DeltaCache> caches, DeltaSettings settings,
            boolean accounting) {
        return segmentCached(frames, caches, deltaPass(settings), accounting);
    }

    /** A pass of a mode that keeps a cache per camera. */
    @FunctionalInterface
    private interface CachedPass {
        DeltaOutput run(SpikeContext ctx, NDArray raw, DeltaCache cache);
    }

    private BatchOutput segmentCached(List<RgbImage> frames, List<DeltaCache> caches, CachedPass pass,
            boolean accounting) {
        if (frames.isEmpty() || frames.size() != caches.size()) {
            throw new IllegalArgumentException("Need one cache per frame, got " + frames.size() + " frames and "
                    + caches.size() + " caches");
        }
        // caches holding the same values batch together: filled ones, input-only ones after a full pass, empty ones
        Map<List<String>, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < caches.size(); i++) {
            List<String> names = new ArrayList<>();
            caches.get(i).names().forEach(names::add);
            groups.computeIfAbsent(names, n -> new ArrayList<>()).add(i);
        }
        FrameOutput[] outputs = new FrameOutput[frames.size()];
        long[] nanos = new long[3];
        Stats stats = null;
        for (List<Integer> group : groups.values()) {
            DeltaBatch b = cachedPass(pick(frames, group), pick(caches, group), pass, accounting);
            for (int k = 0; k < group.size(); k++) {
                outputs[group.get(k)] = b.output().frames().get(k);
            }
            nanos[0] += b.output().preprocessNanos();
            nanos[1] += b.output().inferenceNanos();
            nanos[2] += b.output().postprocessNanos();
            stats = stats == null ? b.output().stats()
                    : stats.merge(frames.size() - group.size(), b.output().stats(), group.size());
        }
        return new BatchOutput(List.of(outputs), nanos[0], nanos[1], nanos[2], stats);
    }

    private static <T> List<T> pick(List<T> all, List<Integer> indices) {
        List<T> out = new ArrayList<>(indices.size());
        indices.forEach(i -> out.add(all.get(i)));
        return out;
    }

    /** One pass over cameras whose caches are all empty or all filled. */
    private DeltaBatch cachedPass(List<RgbImage> frames, List<DeltaCache> caches, CachedPass pass,
            boolean accounting) {
        try (NDScope arrays = new NDScope(); NDManager scope = manager.newSubManager()) {
            long t0 = System.nanoTime();
            NDArray raw = preprocessor.raw(frames, scope);
            DeltaCache batch = caches.size() == 1 ? caches.get(0) : DeltaCache.concat(caches);
            OpAccounting ops = accounting ? new OpAccounting() : null;
            SpikeContext ctx = SpikeContext.builder(store, raw.getDevice()).optAccounting(ops).build();
            long t1 = System.nanoTime();
            DeltaOutput out = pass.run(ctx, raw, batch);
            out.scores().getFloat(0, 0, 0, 0);
            long t2 = System.nanoTime();
            List<FrameOutput> outputs = new ArrayList<>(frames.size());
            for (int b = 0; b < frames.size(); b++) {
                RgbImage f = frames.get(b);
                NDArray scores = out.scores().get(new NDIndex("{}:{}", b, b + 1));
                outputs.add(frameOutput(f, scores, Math.min(1, out.recomputed()[b]), null));
            }
            if (caches.size() == 1) {
                batch.keep(manager);
            } else {
                batch.splitInto(caches, manager);
            }
            long t3 = System.nanoTime();
            return new DeltaBatch(new BatchOutput(outputs, t1 - t0, t2 - t1, t3 - t2,
                    Stats.of(ops, energy, frames.size())), out.stageShares(), out.stageMillis());
        }
    }

    /** The key-frame pass for these settings. */
    private CachedPass keyFramePass(KeyFrameSettings settings) {
        KeyFrameRunner runner = keyFrameRunner();
        return (ctx, raw, cache) -> runner.forward(ctx, raw, cache, settings);
    }

    /**
     * The key-frame runner, with the share of a pass that a frame reusing the context does measured at the first
     * call (one extra pass; it does not depend on the settings); several inference workers may ask at once.
     */
    private synchronized KeyFrameRunner keyFrameRunner() {
        if (keyFrames == null) {
            keyFrames = new KeyFrameRunner(new KeyFrameNetwork(model), Preprocessor::normalise);
            try (NDScope arrays = new NDScope(); NDManager scope = manager.newSubManager()) {
                keyFrames.measureCosts(SpikeContext.builder(store, manager.getDevice())
                        .optAccounting(new OpAccounting()).build(), scope, inputHeight(), inputWidth());
            }
        }
        return keyFrames;
    }

    /** The change-driven pass for these settings, weighing each stage by its dense work (measured once). */
    private CachedPass deltaPass(DeltaSettings settings) {
        DeltaNetwork delta = deltaNetworkFor(settings);
        StageCosts costs = stageCosts;
        return (ctx, raw, cache) -> delta.forward(ctx, raw, cache, costs);
    }

    /**
     * The change-driven network for these settings, and each stage's dense work measured at the first call (one
     * extra pass); several inference workers may ask at once.
     */
    private synchronized DeltaNetwork deltaNetworkFor(DeltaSettings settings) {
        if (delta == null || !delta.settings().equals(settings)) {
            delta = new DeltaNetwork(model, settings, Preprocessor::normalise);
        }
        if (stageCosts == null) {
            try (NDScope arrays = new NDScope(); NDManager scope = manager.newSubManager()) {
                stageCosts = delta.measureCosts(SpikeContext.builder(store, manager.getDevice())
                        .optAccounting(new OpAccounting()).build(), scope, inputHeight(), inputWidth());
            }
        }
        return delta;
    }

    /** A change-driven pass's output and its per-stage recomputed shares. */
    private record DeltaBatch(BatchOutput output, Map<String, Double> stageShares, Map<String, Double> stageMillis) {}

    /**
     * One frame segmented change-driven.
     *
     * @param trainIds one trainId per pixel at the frame's size
     * @param recomputed share of a dense pass's work that was done (0..1)
     * @param stageShares per stage, the share of its dense work that was done
     * @param stageMillis per stage, the time it took
     * @param stats operation statistics (when accounting was on)
     * @param preprocessNanos decoding to tensors and resizing
     * @param segmentNanos forward pass and semantic inference
     */
    public record DeltaFrame(byte[] trainIds, double recomputed, Map<String, Double> stageShares,
            Map<String, Double> stageMillis, Stats stats,
            long preprocessNanos, long segmentNanos) {}

    /** Arrays owned by the runtime: parameters plus the membrane states handed out and not yet closed. */
    public int managedArrayCount() {
        return ((ai.djl.ndarray.BaseNDManager) manager).getManagedArrays().size();
    }

    /** Frees the model and every array it owns. */
    @Override
    public void close() {
        manager.close();
    }

    /**
     * What a batch computes besides the masks.
     *
     * @param captureState keep each frame's membrane state for the next frame of its camera
     * @param accounting record operations and firing for FLOPs, firing rate and energy (slower)
     */
    public record RunOptions(boolean captureState, boolean accounting) {}

    /**
     * One frame's result.
     *
     * @param width frame width
     * @param height frame height
     * @param trainIds one trainId per pixel, row-major, at the frame's size
     * @param classCounts pixels per trainId
     * @param recomputedFraction share of the model's work recomputed for this frame, 0..1 (1.0 for a full pass)
     * @param state the membrane state to carry into this camera's next frame, or null; owned by the caller
     */
    public record FrameOutput(int width, int height, byte[] trainIds, long[] classCounts, double recomputedFraction,
            MembraneState state) {}

    /**
     * Operation statistics of a batch (zero when accounting was off).
     *
     * @param macs multiply-accumulates of the batch
     * @param meanFiringRate mean normalised firing rate over all neurons
     * @param energyMillijoulesPerFrame the paper's energy estimate per frame
     */
    public record Stats(long macs, double meanFiringRate, double energyMillijoulesPerFrame) {

        /**
         * The statistics of two groups of frames together.
         *
         * @param frames frames behind this
         * @param other the other group's statistics
         * @param otherFrames frames behind {@code other}
         * @return MACs added, rates and energy per frame weighted by frames
         */
        Stats merge(int frames, Stats other, int otherFrames) {
            double n = frames + otherFrames;
            return new Stats(macs + other.macs, (meanFiringRate * frames + other.meanFiringRate * otherFrames) / n,
                    (energyMillijoulesPerFrame * frames + other.energyMillijoulesPerFrame * otherFrames) / n);
        }

        static Stats of(OpAccounting accounting, EnergyModel energy, int batch) {
            if (accounting == null) {
                return new Stats(0, Double.NaN, Double.NaN);
            }
            return new Stats(accounting.totalMacs(), FiringRates.meanRate(accounting, energy.spikeLevels()),
                    energy.millijoules(accounting) / batch);
        }
    }

    /**
     * A batch's results and timings.
     *
     * @param frames per-frame results in input order
     * @param preprocessNanos decoding to tensors, resizing, normalising, state merge
     * @param inferenceNanos the forward pass
     * @param postprocessNanos semantic inference, copying masks out, splitting state
     * @param stats operation statistics
     */
    public record BatchOutput(List<FrameOutput> frames, long preprocessNanos, long inferenceNanos,
            long postprocessNanos, Stats stats) {

        /**
         * One frame's result as a {@link Segmenter} returns it.
         *
         * @param index the frame's place in the batch
         * @param stateCarried whether the frame continued its camera's state
         * @param queueWaitNanos time from the frame's submission to the start of the batch
         * @return the frame's segmentation with the batch's size, statistics and timings
         */
        public SegmentationOutput output(int index, boolean stateCarried, long queueWaitNanos) {
            FrameOutput f = frames.get(index);
            return new SegmentationOutput(f.width(), f.height(), f.trainIds(), f.classCounts(), stateCarried,
                    f.recomputedFraction(), frames.size(), stats.meanFiringRate(), stats.energyMillijoulesPerFrame(),
                    queueWaitNanos, preprocessNanos, inferenceNanos, postprocessNanos);
        }
    }
}
