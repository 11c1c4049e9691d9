package io.spikestream.inference.model.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.Spike2Former;
import io.spikestream.inference.model.backbone.Backbone;
import io.spikestream.inference.model.backbone.MsConvBlock;
import io.spikestream.inference.model.head.DecodeHead;
import io.spikestream.inference.model.head.SemanticInference;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.ops.Bilinear;
import io.spikestream.inference.model.pixel.PixelDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Change-driven inference of Spike2Former: each camera keeps the network input its values were computed from
 * and the output of every stage (the state of a sigma-delta network of the stateless T = 1 neurons); a frame
 * recomputes, in each stage, only the rectangle that the change of its input can reach ({@link Region}), so that
 * a region where nothing changed costs nothing at any level.
 *
 * <p>Stages, with the cache key of their output:
 *
 * <pre>
 *   input        the reference input (0..255); a tile is replaced by the frame's when it changed by more than
 *                the threshold, so drift below the threshold cannot accumulate
 *   stem         7x7 stride-2 convolution                                   local, 1/2
 *   l1.b0.sep    ConvBlock1_1, x + SepConv(x); l1.b0.pair its 3x3 pair      local, 1/2
 *   l2.down, l2.b0.sep, l2.b0.pair                                          local, 1/4
 *   l3.down, l3.b0.sep, l3.b0.pair, l3.b1.sep, l3.b1.pair                   local, 1/8
 *   attention    downsample3, block3, downsample4, block4                   global (linear attention), 1/16
 *   encoder      SDTE and projections (deformable sampling)                 global, 1/16
 *   fpn8, fpn4   lateral + upsampled coarser, depthwise 3x3                 local, 1/8 and 1/4
 *   fpn2         the same at 1/2, then the mask features                    local, 1/2
 *   head.cls, head.me   transformer decoder and SDME embeddings             global, when any memory changed
 *   scores       mask product and per-class scores at the input size        local, or dense when the head changed
 * </pre>
 *
 * <p>Local stages run in one window per camera, batched ({@link RegionRunner}), or on the whole map when the
 * windows would cost more; global stages run on the whole map, and not at all when none of their inputs changed.
 * Stages that see their inputs through spikes compare their output exactly with the cache and pass on only what
 * changed. With threshold 0 every value equals a full pass up to the summation order of the floating-point kernels
 * on windows of another size. How far a change travels in this architecture, and so what this saves, is in
 * docs/streaming-state.md.
 */
public final class DeltaNetwork {

    /** Key of the reference input in a {@link DeltaCache}. */
    public static final String INPUT = "input";
    /** Key of the per-class scores at the network input size. */
    public static final String SCORES = "scores";
    /** Name under which frames run as one plain full pass are reported. */
    public static final String FULL = "full";
    private static final String CLS = "head.cls";
    /** The input the context was last computed from, with a context bound above 0. */
    private static final String CONTEXT_INPUT = "context.input";
    private static final String ME = "head.me";

    private final Spike2Former<?, ?> model;
    private final Backbone backbone;
    private final DecodeHead head;
    private final PixelDecoder pixels;
    private final DeltaSettings settings;
    private final RegionRunner runner;
    private final java.util.function.UnaryOperator<NDArray> normaliser;

    /**
     * Wraps a network.
     *
     * @param model the released architecture (Meta-SpikeFormer backbone, decode head with its pixel decoder)
     * @param settings threshold, tile and dense bound
     * @param normaliser turns RGB 0..255 {@code (B, 3, H, W)} into the network input
     * @throws IllegalArgumentException for another architecture
     */
    public DeltaNetwork(Spike2Former<?, ?> model, DeltaSettings settings,
            java.util.function.UnaryOperator<NDArray> normaliser) {
        if (!(model.backbone() instanceof Backbone b) || !(model.decodeHead() instanceof DecodeHead h)
                || !(h.pixelDecoder() instanceof PixelDecoder p)) {
            throw new IllegalArgumentException("Delta inference needs the released Spike2Former architecture");
        }
        this.model = model;
        this.backbone = b;
        this.head = h;
        this.pixels = p;
        this.settings = settings;
        this.runner = new RegionRunner(settings.denseBound());
        this.normaliser = normaliser;
    }

    /** The settings. */
    public DeltaSettings settings() {
        return settings;
    }

    /**
     * Segments a batch, updating its cache.
     *
     * @param ctx the pass context (inference mode)
     * @param raw the frames resized to the network input, RGB 0..255, {@code (B, 3, H, W)}
     * @param cache the batch's cache: empty for a key frame (every stage computed)
     * @param costs the dense work per stage at this size, from {@link #measureCosts}, to weigh the recomputed share
     * @return the scores and what was recomputed
     */
    public DeltaOutput forward(SpikeContext ctx, NDArray raw, DeltaCache cache, StageCosts costs) {
        Pass pass = new Pass(ctx, raw, cache, costs);
        pass.run();
        return pass.output();
    }

    /**
     * Measures the dense work of every stage at an input size, with the model's own accounting.
     *
     * @param ctxWithAccounting a context whose accounting is on
     * @param manager where the temporary input lives
     * @param height network input height
     * @param width network input width
     * @return multiply-accumulates per stage
     */
    public StageCosts measureCosts(SpikeContext ctxWithAccounting, NDManager manager, int height, int width) {
        NDArray zeros = manager.zeros(new Shape(1, 3, height, width));
        Pass pass = new Pass(ctxWithAccounting, zeros, new DeltaCache(), null);
        pass.run();
        return new StageCosts(pass.macs);
    }

    /** One forward pass over the stages. */
    private final class Pass {
        private final SpikeContext ctx;
        private final NDArray raw;
        private final DeltaCache cache;
        private final StageCosts costs;
        private final int batch;
        private final int rows;
        private final int cols;
        private final int height;
        private final int width;
        private final double[] work;
        private final boolean[] kept;
        private final boolean[] refreshed;
        private NDArray changedTiles;
        private NDArray denseScores;
        private NDArray denseCls;
        private final Map<String, Double> shares = new LinkedHashMap<>();
        private final Map<String, Long> macs = new LinkedHashMap<>();
        private final Map<String, Double> millis = new LinkedHashMap<>();
        private long mark = System.nanoTime();
        private NDArray last;

        Pass(SpikeContext ctx, NDArray raw, DeltaCache cache, StageCosts costs) {
            Shape s = raw.getShape();
            this.ctx = ctx;
            this.raw = raw;
            this.cache = cache;
            this.costs = costs;
            this.batch = (int) s.get(0);
            this.height = (int) s.get(2);
            this.width = (int) s.get(3);
            this.rows = height / settings.tile();
            this.cols = width / settings.tile();
            this.work = new double[batch];
            this.kept = new boolean[batch];
            this.refreshed = new boolean[batch];
        }

        void run() {
            boolean continued = cache.get(INPUT) != null;
            Region changed = compareInput();
            keepContext();
            boolean full = continued && denseFrame(changed);
            if (!full) {
                takeChangedTiles(changed);
            }
            shares.put(INPUT, changed.fraction());
            millis.put(INPUT, (System.nanoTime() - mark) / 1e6);
            mark = System.nanoTime();
            if (full) {
                fullPass();
                return;
            }
            List<Region> featureChanges = new ArrayList<>();
            List<NDArray> features = backbone(changed, featureChanges);
            Region x4 = stage(LocalStage.global("attention", (c, in, items) -> backbone.attentionStages(c, in.get(0))),
                    4, List.of(features.get(2)), featureChanges.get(2));
            Region y16 = stage(LocalStage.global("encoder", (c, in, items) -> pixels.encode(c, in.get(0))),
                    4, List.of(last), x4);
            List<NDArray> memories = new ArrayList<>(List.of(last));
            List<Region> memoryChanges = new ArrayList<>(List.of(y16));
            Region maskChanged = fpn(features, featureChanges, y16, memories, memoryChanges);
            scores(maskChanged, head(memories, memoryChanges));
            rememberContextInput();
        }

        /**
         * Whether every camera's frame changed so much that a plain full pass is cheaper than the stages: beyond the
         * dense bound, and not keeping its context. A key frame goes through the stages to fill them, and so does
         * the first frame after full passes that changes less.
         */
        private boolean denseFrame(Region changed) {
            for (int b = 0; b < batch; b++) {
                if (kept[b] || changed.fraction(b) <= settings.denseBound()) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The frame as one plain pass of the model from the frame itself, which becomes the reference input; the
         * stages' values are dropped, so that a frame that changes less starts them afresh, as a key frame would.
         */
        private void fullPass() {
            cache.retainOnly(INPUT);
            cache.put(INPUT, raw);
            long before = accountedMacs();
            HeadOutput out = model.forward(ctx, normaliser.apply(raw), false);
            denseCls = out.classLogits().squeeze(1);
            denseScores = SemanticInference.scores(denseCls, out.maskLogits().squeeze(1), height, width,
                    SemanticInference.DEFAULT_CHUNK_ELEMENTS);
            double[] all = new double[batch];
            java.util.Arrays.fill(all, 1);
            record(FULL, all, before);
            System.arraycopy(all, 0, work, 0, batch);
        }

        /**
         * Decides per camera whether its context is kept from its last refresh (a continued cache whose input
         * differs in at most the context bound's share of tiles from the input its context was computed from) or
         * refreshed; with a bound of 0 neither applies.
         */
        private void keepContext() {
            NDArray contextInput = cache.get(CONTEXT_INPUT);
            if (settings.contextBound() == 0 || cache.get(CLS) == null || contextInput == null) {
                return;
            }
            float[] drift = tilesBeyondThreshold(contextInput).toType(DataType.FLOAT32, false)
                    .reshape(batch, -1).mean(new int[] {1}).toFloatArray();
            for (int b = 0; b < batch; b++) {
                kept[b] = drift[b] <= settings.contextBound();
                refreshed[b] = !kept[b];
            }
        }

        /**
         * Remembers, for the cameras whose context was computed in this pass (key frames, refreshes), the input it
         * was computed from.
         */
        private void rememberContextInput() {
            if (settings.contextBound() == 0) {
                return;
            }
            NDArray reference = cache.get(INPUT);
            NDArray old = cache.get(CONTEXT_INPUT);
            if (old == null || !old.getShape().equals(reference.getShape())) {
                cache.put(CONTEXT_INPUT, reference.duplicate());
                return;
            }
            NDList items = new NDList(batch);
            for (int b = 0; b < batch; b++) {
                items.add((kept[b] ? old : reference).get(new NDIndex("{}:{}", b, b + 1)));
            }
            cache.put(CONTEXT_INPUT, NDArrays.concat(items, 0));
        }

        /**
         * What changed at the input of the backbone's last convolutional level, where the context starts: nothing for
         * the cameras that keep their context; the whole map for those that refresh it, since the finer levels
         * changed without reaching it while it was kept.
         */
        private Region contextInput(Region changed) {
            return changed.without(kept).orWhole(refreshed);
        }

        /** The convolutional levels 1/2, 1/4, 1/8: their outputs x1..x3, and where each changed. */
        private List<NDArray> backbone(Region inputChanged, List<Region> changes) {
            NDArray image = normaliser.apply(cache.get(INPUT));
            // the stem convolves the real-valued image: its output changes wherever the input did, no comparison
            Region changed = stage(new LocalStage("stem", 2, 2, 1, false, false,
                    (c, in, items) -> backbone.stem().forward(c, in.get(0))), 1, List.of(image), inputChanged);
            List<NDArray> features = new ArrayList<>();
            int level = 1;
            for (Backbone.ConvLevel l : backbone.convLevels()) {
                String name = "l" + level;
                if (level == backbone.convLevels().size()) {
                    changed = contextInput(changed);
                }
                if (l.entry() != null) {
                    changed = stage(LocalStage.strided(name + ".down", 1,
                            (c, in, items) -> l.entry().forward(c, in.get(0))), level, List.of(last), changed);
                }
                for (int i = 0; i < l.blocks().size(); i++) {
                    MsConvBlock block = l.blocks().get(i);
                    String b = name + ".b" + i;
                    changed = stage(LocalStage.local(b + ".sep", MsConvBlock.SEPARABLE_RADIUS,
                            (c, in, items) -> block.separable(c, in.get(0))), level, List.of(last), changed);
                    changed = stage(LocalStage.local(b + ".pair", MsConvBlock.CONV_PAIR_RADIUS,
                            (c, in, items) -> block.convPair(c, in.get(0))), level, List.of(last), changed);
                }
                features.add(last);
                changes.add(changed);
                level++;
            }
            return features;
        }

        /**
         * The FPN from 1/16 down to 1/2, adding y8 and y4 to the decoder memories; the last step also gives the mask
         * features.
         *
         * @return where the mask features changed
         */
        private Region fpn(List<NDArray> features, List<Region> featureChanges, Region y16, List<NDArray> memories,
                List<Region> memoryChanges) {
            Region y = y16;
            for (int i = 2; i >= 0; i--) {
                int level = i;
                LocalStage s = LocalStage.local("fpn" + (2 << i), PixelDecoder.FUSE_RADIUS, level == 0
                        ? (c, in, items) -> pixels.maskFeatures(c, pixels.fuse(c, 0, in.get(0), in.get(1)))
                        : (c, in, items) -> pixels.fuse(c, level, in.get(0), in.get(1)));
                y = fpnStage(s, i + 1, features.get(i), featureChanges.get(i), last, y);
                if (i > 0) {
                    memories.add(last);
                    memoryChanges.add(y);
                }
            }
            return y;
        }

        /** Compares the frame with the reference input per tile; an empty cache takes the frame as its reference. */
        private Region compareInput() {
            NDArray ref = cache.get(INPUT);
            if (ref == null || !ref.getShape().equals(raw.getShape())) {
                cache.put(INPUT, raw);
                return Region.all(batch, height, width);
            }
            int t = settings.tile();
            changedTiles = tilesBeyondThreshold(ref);
            boolean[] flat = changedTiles.toBooleanArray();
            int[][] boxes = new int[batch][];
            for (int b = 0; b < batch; b++) {
                boxes[b] = changedTilesBox(flat, b * rows * cols, t);
            }
            return Region.of(height, width, boxes);
        }

        /** Per item and tile, whether a pixel of the frame differs from {@code other} by more than the threshold. */
        private NDArray tilesBeyondThreshold(NDArray other) {
            int t = settings.tile();
            return raw.sub(other).abs().reshape(batch, 3, rows, t, cols, t).max(new int[] {5})
                    .max(new int[] {3}).max(new int[] {1}).gt(settings.threshold());
        }

        /** Replaces the reference input's changed tiles by the frame's, so that drift below the threshold stays. */
        private void takeChangedTiles(Region changed) {
            if (changedTiles == null || changed.isEmpty()) {
                return;
            }
            int t = settings.tile();
            NDArray mask = changedTiles.reshape(batch, 1, rows, 1, cols, 1)
                    .repeat(3, t).repeat(5, t).reshape(batch, 1, rows * t, cols * t).repeat(1, 3);
            cache.put(INPUT, NDArrays.where(mask, raw, cache.get(INPUT)));
        }

        /** The pixels' box around the tiles flagged in {@code flat[offset ..]}, or null. */
        private int[] changedTilesBox(boolean[] flat, int offset, int t) {
            int[] box = null;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (flat[offset + r * cols + c]) {
                        box = box == null ? new int[] {r * t, (r + 1) * t, c * t, (c + 1) * t}
                                : new int[] {Math.min(box[0], r * t), Math.max(box[1], (r + 1) * t),
                                    Math.min(box[2], c * t), Math.max(box[3], (c + 1) * t)};
                    }
                }
            }
            return box;
        }

        /** Runs a stage whose output is at {@code level} (1 = 1/2 ... 4 = 1/16) and keeps its output. */
        private Region stage(LocalStage s, int level, List<NDArray> inputs, Region changedInputs) {
            long before = accountedMacs();
            RegionRunner.Update u = runner.run(ctx, s, inputs,
                    changedInputs.resample(height >> level, width >> level), cache.get(s.name()));
            cache.put(s.name(), u.output());
            last = u.output();
            record(s.name(), u.computed(), before);
            return u.changed();
        }

        /** An FPN step: the coarser output enlarged (only when the step has work), then the local stage. */
        private Region fpnStage(LocalStage s, int level, NDArray x, Region xChanged, NDArray coarser,
                Region coarserChanged) {
            Shape xs = x.getShape();
            Region changedInputs = xChanged.or(coarserChanged.resample((int) xs.get(2), (int) xs.get(3)).grow(1));
            if (changedInputs.isEmpty() && cache.get(s.name()) != null) {
                last = cache.get(s.name());
                record(s.name(), new double[batch], accountedMacs());
                return changedInputs;
            }
            NDArray up = Bilinear.resize(coarser, xs.get(2), xs.get(3));
            return stage(s, level, List.of(x, up), changedInputs);
        }

        /**
         * The transformer decoder and SDME embeddings when a memory of a camera that does not keep its context
         * changed; which items' outputs changed.
         */
        private boolean[] head(List<NDArray> memories, List<Region> changes) {
            boolean any = changes.stream().anyMatch(t -> !t.without(kept).isEmpty());
            boolean[] changed = new boolean[batch];
            long before = accountedMacs();
            if (!any && cache.get(CLS) != null) {
                record("decoder", new double[batch], before);
                return changed;
            }
            DecodeHead.Embeddings e = head.embedLastLayer(ctx, memories);
            boolean allChanged = changes.stream().allMatch(t -> t.fraction() >= settings.denseBound());
            int[] cls = allChanged ? null : differs(e.classLogits(), cache.get(CLS));
            int[] me = allChanged ? null : differs(e.maskEmbeddings(), cache.get(ME));
            for (int b = 0; b < batch; b++) {
                changed[b] = allChanged || cls[b] != 0 || me[b] != 0;
            }
            cache.put(CLS, e.classLogits());
            cache.put(ME, e.maskEmbeddings());
            double[] all = new double[batch];
            java.util.Arrays.fill(all, 1);
            record("decoder", all, before);
            return changed;
        }

        private int[] differs(NDArray fresh, NDArray old) {
            if (old == null || !old.getShape().equals(fresh.getShape())) {
                int[] all = new int[batch];
                java.util.Arrays.fill(all, 1);
                return all;
            }
            return fresh.neq(old).toType(DataType.INT32, false).reshape(batch, -1).sum(new int[] {1})
                    .toType(DataType.INT32, false).toIntArray();
        }

        /** Per-class scores: where the mask features changed, and the whole map of items whose head changed. */
        private void scores(Region maskChanged, boolean[] headChanged) {
            Region changed = maskChanged.orWhole(headChanged);
            NDArray cls = cache.get(CLS).squeeze(1);
            NDArray me = cache.get(ME);
            LocalStage s = new LocalStage(SCORES, 1, 1, 2, false, false, (c, in, items) -> {
                NDArray p = in.get(0);
                Shape ps = p.getShape();
                NDArray logits = head.maskLogits(c, me.get(new NDIndex("{}", items)), p).squeeze(1);
                NDArray sc = SemanticInference.scores(cls.get(new NDIndex("{}", items)), logits, ps.get(2) * 2, ps.get(3) * 2,
                        SemanticInference.DEFAULT_CHUNK_ELEMENTS);
                return sc;
            });
            if (ctx.isAccounting()) {
                Shape ps = last.getShape();
                long q = cls.getShape().get(1);
                long k = cls.getShape().get(2) - 1;
                macs.merge(SCORES, q * k * ps.get(2) * ps.get(3) * 4 * batch, Long::sum);
            }
            stage(s, 1, List.of(last), changed);
        }

        private long accountedMacs() {
            return ctx.isAccounting() ? ctx.accountedMacs() : 0;
        }

        private void record(String name, double[] computed, long macsBefore) {
            if (ctx.isAccounting()) {
                macs.merge(name, ctx.accountedMacs() - macsBefore, Long::sum);
            }
            double mean = 0;
            for (int b = 0; b < batch; b++) {
                mean += computed[b] / batch;
                if (costs != null) {
                    work[b] += computed[b] * costs.share(name);
                }
            }
            shares.merge(name, mean, Double::sum);
            long now = System.nanoTime();
            millis.merge(name, (now - mark) / 1e6, Double::sum);
            mark = now;
        }

        DeltaOutput output() {
            if (denseScores != null) {
                return new DeltaOutput(denseScores, denseCls, work, shares, millis);
            }
            return new DeltaOutput(cache.get(SCORES), cache.get(CLS).squeeze(1), work, shares, millis);
        }
    }

    /** The model this runs. */
    public Spike2Former<?, ?> model() {
        return model;
    }
}
