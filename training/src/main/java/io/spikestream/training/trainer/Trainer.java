package io.spikestream.training.trainer;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.MembraneState;
import io.spikestream.inference.model.Spike2Former;
import io.spikestream.inference.model.nn.ParameterPaths;
import io.spikestream.inference.model.nn.Scalars;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.keyframe.KeyFrameNetwork;
import io.spikestream.inference.runtime.ModelFiles;
import io.spikestream.inference.runtime.StateMode;
import io.spikestream.inference.runtime.StreamingDefaults;
import io.spikestream.training.data.Augmentation;
import io.spikestream.training.data.Batches;
import io.spikestream.training.data.CityscapesDataset;
import io.spikestream.training.data.Sample;
import io.spikestream.training.data.SegmentationDataset;
import io.spikestream.training.data.SyntheticDataset;
import io.spikestream.training.eval.EvalResult;
import io.spikestream.training.eval.Evaluator;
import io.spikestream.training.losses.LossParts;
import io.spikestream.training.losses.MaskFormerLoss;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains Spike2Former with the official recipe: Hungarian-matched MaskFormer losses on every decoder
 * prediction ({@link MaskFormerLoss}), AdamW with the official parameter groups ({@link AdamW},
 * {@link ParamGroup}), LinearLR warm-up then PolyLR ({@link LrSchedule}), global gradient-norm clipping
 * ({@link GradientClipping}), BN running statistics updated by every training forward pass.
 *
 * <p>One iteration: draw {@code batchSize x accumulation} samples (or clips) deterministically from the seed
 * and the iteration, augment, forward with {@code allLayers = true} inside a {@link GradientCollector},
 * backward, then clip, step and zero the gradients. Each forward pass runs in its own {@link NDScope} and
 * sub-manager, closed at its end. With {@code clipLength > 1} the frames of a clip are fed in order, membrane
 * state carried from frame to frame (truncated BPTT over the clip, one backward of the mean frame loss) and
 * dropped between clips, as the official per-image reset does between images.
 *
 * <p>An update whose gradient norm is not finite is skipped and logged with the parameters whose gradients
 * are not finite, as mixed-precision loss scalers do; gradient buffers are then reset by assignment, so one bad
 * step cannot poison the next. So is a finite spike ({@link GradientSpikeGuard}, {@code spikeRatio} times the
 * recent median), which AdamW's second moment would otherwise remember for thousands of steps
 * (docs/training.md).
 */
public final class Trainer {

    private final TrainConfig config;
    private final PrintStream log;

    private Trainer(TrainConfig config, PrintStream log) {
        this.config = config;
        this.log = log;
    }

    /**
     * Runs (or resumes) a training run on the CPU.
     *
     * @param config the run
     * @param log progress output
     * @return the outcome
     * @throws IOException when checkpoints cannot be read or written
     */
    public static TrainResult run(TrainConfig config, PrintStream log) throws IOException {
        return new Trainer(config, log).train(Device.cpu());
    }

    private TrainResult train(Device device) throws IOException {
        SegmentationDataset data = trainingData();
        SegmentationDataset eval = config.evalEvery() >= 0 && config.evalClips() > 0
                ? SyntheticDataset.evaluation(0, config.evalClips(), 1, 1, config.frameWidth(), config.frameHeight())
                        .withCamera(config.sceneCamera())
                : null;
        try (NDManager manager = NDManager.newBaseManager(device)) {
            Engine.getInstance().setRandomSeed((int) config.seed());
            Spike2Former<?, ?> model = Spike2Former.create(config.model());
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, config.cropHeight(), config.cropWidth()));
            if (config.initialWeights() != null) {
                ModelFiles.load(model, manager, config.initialWeights());
                log.println("starting from " + config.initialWeights());
            }
            Map<String, Parameter> params = trainable(model);
            List<ParamGroup> groups = new ArrayList<>();
            for (String path : params.keySet()) {
                groups.add(ParamGroup.of(path, config.backboneLrMult()));
            }
            try (AdamW optimizer = new AdamW(new ArrayList<>(params.values()), groups, config.beta1(),
                    config.beta2(), config.adamEps(), config.weightDecay())) {
                return new Run(model, manager, optimizer, new ArrayList<>(params.keySet()), data, eval).execute();
            }
        }
    }

    private SegmentationDataset trainingData() throws IOException {
        if (config.cityscapesRoot() != null) {
            return new CityscapesDataset(config.cityscapesRoot(), "train");
        }
        return SyntheticDataset.training(config.trainFirstSeed(), config.trainClips(), config.framesPerClip(),
                config.frameStride(), config.frameWidth(), config.frameHeight()).withCamera(config.sceneCamera());
    }

    /** Parameters that take gradients (running statistics excluded), by official path, in tree order. */
    static Map<String, Parameter> trainable(Spike2Former<?, ?> model) {
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : ParameterPaths.of(model, "").entrySet()) {
            if (e.getValue().requiresGradient()) {
                params.put(e.getKey(), e.getValue());
            }
        }
        return params;
    }

    /** The state of one run. */
    private final class Run {
        private final Spike2Former<?, ?> model;
        private final NDManager manager;
        private final AdamW optimizer;
        private final List<String> names;
        private final SegmentationDataset data;
        private final SegmentationDataset eval;
        private final ParameterStore store;
        private final MaskFormerLoss loss;
        private final Augmentation augmentation;
        private final LrSchedule schedule;
        private final Checkpoints checkpoints;
        private final List<Double> losses = new ArrayList<>();
        private EvalResult lastEval;
        private int skipped;
        private final GradientSpikeGuard spikes;
        private double lastMiou = Double.NaN;
        private double bestMiou = Double.NaN;
        private final KeyFrameNetwork keyFrames;

        Run(Spike2Former<?, ?> model, NDManager manager, AdamW optimizer, List<String> names,
                SegmentationDataset data, SegmentationDataset eval) {
            this.model = model;
            this.manager = manager;
            this.optimizer = optimizer;
            this.names = names;
            this.data = data;
            this.eval = eval;
            this.store = new ParameterStore(manager, false);
            this.loss = new MaskFormerLoss(config.losses());
            this.augmentation = new Augmentation(config.minScale(), config.maxScale(), config.cropHeight(),
                    config.cropWidth(), config.catMaxRatio(), 0.5, config.photometric(), 255);
            this.schedule = config.schedule();
            this.spikes = GradientSpikeGuard.of(config.spikeRatio());
            this.checkpoints = config.outputDir() == null ? null : new Checkpoints(config.outputDir(),
                    new int[] {config.cropHeight(), config.cropWidth()}, config.keyFrames() == null ? null
                            : new StreamingDefaults(StateMode.KEYFRAME, config.keyFrames().inference()));
            this.keyFrames = new KeyFrameNetwork(model);
        }

        TrainResult execute() throws IOException {
            int start = resume();
            requireGradients();
            Progress progress = new Progress(log, start, config.iterations());
            progress.line("training " + config.model().name() + " on " + data.size() + " samples, batch "
                    + config.batchSize() + "x" + config.accumulation() + ", crop " + config.cropHeight() + "x"
                    + config.cropWidth() + ", clip length " + config.clipLength() + ", from iteration " + start);
            for (int it = start; it < config.iterations(); it++) {
                long t0 = System.nanoTime();
                double lr = config.lr() * schedule.factor(it);
                Step step = iterationOrExplain(it, lr);
                progress.addTrainTime((System.nanoTime() - t0) / 1e9);
                losses.add(step.loss);
                int done = it + 1;
                if (done % config.logEvery() == 0 || done == config.iterations()) {
                    progress.report(done, step.parts, lr, step.gradNorm);
                }
                step.parts.total().close();
                periodic(done, progress);
            }
            Path weights = finish(progress);
            return new TrainResult(config.iterations(), losses, progress.iterationsPerSecond(config.iterations()),
                    lastMiou, bestMiou, weights);
        }

        private int resume() throws IOException {
            if (checkpoints == null || !config.resume() || !checkpoints.exists()) {
                return 0;
            }
            Checkpoints.State s = checkpoints.load(model, manager, optimizer);
            bestMiou = s.bestMeanIoU();
            log.println("resumed from " + config.outputDir() + " at iteration " + s.iteration());
            return s.iteration();
        }

        /** Loaded parameter arrays come without gradient buffers; training needs them on every trainable one. */
        private void requireGradients() {
            for (Parameter p : optimizer.parameters()) {
                if (!p.getArray().hasGradient()) {
                    p.getArray().setRequiresGradient(true);
                }
            }
        }

        private void periodic(int done, Progress progress) throws IOException {
            boolean last = done == config.iterations();
            if (eval != null && (last || config.evalEvery() > 0 && done % config.evalEvery() == 0)) {
                validate(done, progress);
            }
            if (checkpoints != null && (last || config.checkpointEvery() > 0 && done % config.checkpointEvery() == 0)) {
                checkpoints.save(model, optimizer, new Checkpoints.State(done, optimizer.step(), bestMiou));
            }
        }

        private void validate(int done, Progress progress) throws IOException {
            EvalResult r = Evaluator.evaluate(model, manager, config.cropHeight(), config.cropWidth(), eval);
            lastEval = r;
            lastMiou = r.meanIoU();
            boolean better = Double.isNaN(bestMiou) || lastMiou > bestMiou;
            bestMiou = better ? lastMiou : bestMiou;
            progress.line(String.format(java.util.Locale.ROOT,
                    "validation at %d: mIoU %.2f%% pixel acc %.2f%% on %d held-out frames at %dx%d (%.1f s)%s", done,
                    100 * lastMiou, 100 * r.matrix().pixelAccuracy(), r.images(), config.cropHeight(),
                    config.cropWidth(), r.seconds(), better ? " (best)" : ""));
            if (better && checkpoints != null) {
                checkpoints.saveBest(model);
            }
        }

        private Path finish(Progress progress) throws IOException {
            if (lastEval != null) {
                progress.line("last validation:\n" + lastEval.table());
            }
            if (checkpoints == null) {
                return null;
            }
            Path weights = checkpoints.saveFinal(model);
            progress.line("weights written to " + weights);
            return weights;
        }

        /** {@link #iteration}, with a failure naming the iteration and how to continue from the last checkpoint. */
        private Step iterationOrExplain(int it, double lr) {
            try {
                return iteration(it, lr);
            } catch (RuntimeException e) {
                String resume = checkpoints == null ? "no checkpoints are written (set --out)"
                        : checkpoints.exists() ? "the latest checkpoint in " + config.outputDir()
                                + " continues with --resume" : "no checkpoint was written yet";
                throw new IllegalStateException("training failed at iteration " + (it + 1) + ": " + e.getMessage()
                        + "; " + resume, e);
            }
        }

        /** One optimizer step: {@code accumulation} forward/backward passes, clip, AdamW, zero gradients. */
        private Step iteration(int it, double lr) {
            try (NDScope scope = new NDScope()) {
                LossParts last = null;
                double total = 0;
                for (int a = 0; a < config.accumulation(); a++) {
                    last = forwardBackward(it, a);
                    total += last.total().getFloat();
                }
                List<NDArray> grads = new ArrayList<>();
                for (Parameter p : optimizer.parameters()) {
                    grads.add(p.getArray().getGradient());
                }
                double norm = GradientClipping.clip(grads, config.maxGradNorm());
                if (!Double.isFinite(norm)) {
                    skip(it, "non-finite gradient norm", GradientClipping.describeNonFinite(grads, names));
                } else if (!spikes.accept(norm)) {
                    skip(it, String.format(java.util.Locale.ROOT, "gradient norm %.3g is a spike (median %.3g)",
                            norm, spikes.median()), GradientClipping.describeLargest(grads, names));
                } else {
                    optimizer.update(lr, grads);
                }
                for (NDArray g : grads) {
                    zero(g);
                    g.close();
                }
                NDScope.unregister(last.total());
                return new Step(new LossParts(last.total(), last.classLoss(), last.focalLoss(), last.diceLoss(),
                        last.lastLayer()), total / config.accumulation(), norm);
            }
        }

        private void skip(int it, String why, String detail) {
            skipped++;
            log.println("iteration " + (it + 1) + ": " + why + ", update skipped (" + skipped + " so far); " + detail);
        }

        /** Forward and backward of one batch (of clips); the loss is divided by the accumulation count. */
        private LossParts forwardBackward(int it, int part) {
            List<List<Sample>> clips = drawClips(it, part);
            int frames = clips.get(0).size();
            try (NDManager sub = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                MembraneState state = null;
                KeyFrameNetwork.Context context = null;
                NDArray sum = null;
                LossParts parts = null;
                for (int t = 0; t < frames; t++) {
                    Batches.Batch batch = Batches.of(frame(clips, t), config.cropHeight(), config.cropWidth(),
                            config.model().numClasses(), sub);
                    SpikeContext ctx = SpikeContext.builder(store, batch.images().getDevice()).optTraining(true)
                            .optState(state).optCaptureState(config.keyFrames() == null && t < frames - 1).build();
                    HeadOutput out;
                    if (config.keyFrames() == null) {
                        out = model.forward(ctx, batch.images(), true);
                    } else if (t == 0) {
                        KeyFrameNetwork.KeyFrame k = keyFrames.key(ctx, batch.images(), true);
                        out = k.output();
                        context = k.context();
                    } else {
                        out = keyFrames.reuse(ctx, batch.images(), context);
                    }
                    state = ctx.finish();
                    parts = loss.compute(out, batch.targets());
                    sum = sum == null ? parts.total() : sum.add(parts.total());
                }
                NDArray mean = Scalars.div(sum, (double) frames * config.accumulation());
                collector.backward(mean);
                NDArray kept = Scalars.mul(mean, config.accumulation()).stopGradient();
                kept.attach(manager);
                return new LossParts(kept, parts.classLoss(), parts.focalLoss(), parts.diceLoss(), parts.lastLayer());
            }
        }

        private List<Sample> frame(List<List<Sample>> clips, int t) {
            List<Sample> out = new ArrayList<>(clips.size());
            for (List<Sample> c : clips) {
                out.add(c.get(Math.min(t, c.size() - 1)));
            }
            return out;
        }

        /** {@code batchSize} augmented clips (or single frames), the same augmentation for all frames of a clip. */
        private List<List<Sample>> drawClips(int it, int part) {
            SplittableRandom rng = new SplittableRandom(config.seed() * 1_000_003L + (long) it * 131 + part);
            List<List<Sample>> clips = new ArrayList<>();
            for (int b = 0; b < config.batchSize(); b++) {
                List<Sample> raw = config.keyFrames() == null ? data.clip(rng.nextInt(data.size()), config.clipLength())
                        : everyNth(data, rng, config.clipLength(), 1 + rng.nextInt(config.keyFrames().maxFrameStep()));
                Augmentation.Params p = augmentation.draw(raw.get(0), rng.nextLong());
                List<Sample> augmented = new ArrayList<>(raw.size());
                for (Sample s : raw) {
                    augmented.add(augmentation.apply(s, p));
                }
                clips.add(augmented);
            }
            return clips;
        }
    }

    /** {@code length} frames {@code step} rendered frames apart from a random clip window. */
    private static List<Sample> everyNth(SegmentationDataset data, SplittableRandom rng, int length, int step) {
        List<Sample> window = data.clip(rng.nextInt(data.size()), (length - 1) * step + 1);
        List<Sample> out = new ArrayList<>(length);
        for (int i = 0; i < window.size(); i += step) {
            out.add(window.get(i));
        }
        return out;
    }

    /**
     * Sets a gradient buffer to 0 by assignment: a fresh buffer is uninitialised memory, and {@code muli(0)}
     * would keep any NaN in it (or in a parameter that the forward pass never uses) forever.
     */
    private static void zero(NDArray gradient) {
        gradient.set(new NDIndex("..."), 0f);
    }

    private record Step(LossParts parts, double loss, double gradNorm) {}
}
