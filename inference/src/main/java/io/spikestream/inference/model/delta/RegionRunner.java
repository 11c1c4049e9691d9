package io.spikestream.inference.model.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.Arrays;
import java.util.List;

/**
 * Brings one stage's cached output up to date with its changed inputs.
 *
 * <p>Sparse: per camera, the output rectangle a change can reach (the changed input rectangle grown by the
 * stage's radius) is computed in one window, that rectangle plus the radius again as halo, shifted inside the map
 * at its borders, so that every computed pixel is at least the radius away from the window's edges or lies on the
 * image border, where the stage pads as it does on the whole map. The windows of all cameras have one size and
 * run as one dense batch. The computed rectangle is written into the cache in place. For a stage that sees its inputs
 * only through spikes ({@link LocalStage#compares()}) it is first compared exactly with the cache and only the
 * rectangle around the pixels whose values changed is passed on; for the others (residual streams, which carry
 * every change of their input) the whole computed rectangle is.
 *
 * <p>Dense: when the windows would cover more than {@code denseBound} of the maps the stage runs on the whole maps
 * and reports them changed; a global stage runs on the whole maps whenever an input changed, and its changed
 * rectangle is found by comparing with the cached maps (a global stage's output often does not change at all).
 */
public final class RegionRunner {

    private final double denseBound;

    /**
     * Creates a runner.
     *
     * @param denseBound run dense when the windows' area exceeds this share of the maps (e.g. 0.5)
     */
    public RegionRunner(double denseBound) {
        if (!(denseBound > 0)) {
            throw new IllegalArgumentException("The dense bound must be positive, got " + denseBound);
        }
        this.denseBound = denseBound;
    }

    /**
     * The result of an update.
     *
     * @param output the stage's output maps {@code (B, C, H, W)}: the cache updated in place, or new maps when the
     *     stage ran dense
     * @param changed where the output's values changed, on the output map
     * @param computed per batch item, the share of the stage's dense work that was done (halos included)
     */
    public record Update(NDArray output, Region changed, double[] computed) {}

    /**
     * Updates a stage's output.
     *
     * @param ctx the pass context
     * @param stage the stage
     * @param inputs the stage's whole input maps, up to date, {@code inStride} times the stage's grid
     * @param changedInputs where the inputs changed, on the stage's grid (its output map at {@code outStride} 1)
     * @param cache the output as last computed, or null to compute it from scratch
     * @return the updated output, where it changed and how much was computed
     */
    public Update run(SpikeContext ctx, LocalStage stage, List<NDArray> inputs, Region changedInputs, NDArray cache) {
        int batch = changedInputs.batch();
        int o = stage.outStride();
        int outH = changedInputs.height() * o;
        int outW = changedInputs.width() * o;
        if (cache == null) {
            return new Update(dense(ctx, stage, inputs, batch), Region.all(batch, outH, outW), filled(batch, 1));
        }
        if (changedInputs.isEmpty()) {
            return new Update(cache, Region.none(batch, outH, outW), filled(batch, 0));
        }
        if (stage.global()) {
            NDArray out = dense(ctx, stage, inputs, batch);
            // an output whose whole input changed is taken as changed everywhere: comparing would cost more
            // than the rare unchanged pixel saves downstream
            Region changed = changedInputs.fraction() >= denseBound ? Region.all(batch, outH, outW)
                    : changedRegion(out, cache);
            return new Update(out, changed, filled(batch, 1));
        }
        Region reach = changedInputs.grow(stage.radius());
        Windows w = Windows.plan(reach, stage.radius(), denseBound);
        if (w == null) {
            // most of the map changed: finding the unchanged rest would cost a comparison and save little
            NDArray out = dense(ctx, stage, inputs, batch);
            return new Update(out, Region.all(batch, outH, outW), filled(batch, 1));
        }
        return sparse(ctx, stage, inputs, cache, w);
    }

    private static NDArray dense(SpikeContext ctx, LocalStage stage, List<NDArray> inputs, int batch) {
        NDManager m = inputs.get(0).getManager();
        NDArray items = m.arange(0, batch, 1, DataType.INT64).toDevice(ctx.device(), false);
        return stage.body().apply(ctx, new NDList(inputs), items);
    }

    private static Update sparse(SpikeContext ctx, LocalStage stage, List<NDArray> inputs, NDArray cache, Windows w) {
        NDList cut = new NDList(inputs.size());
        for (NDArray input : inputs) {
            cut.add(w.gather(input, stage.inStride()));
        }
        NDArray out = stage.body().apply(ctx, cut, w.items(cache));
        int o = stage.outStride();
        Shape s = cache.getShape();
        int[][] changed = new int[(int) s.get(0)][];
        for (int n = 0; n < w.count(); n++) {
            int b = w.item(n);
            int[] box = w.reach(b);
            NDArray fresh = out.get(new NDIndex("{}:{}, :, {}:{}, {}:{}", n, n + 1,
                    (box[0] - w.top(n)) * o, (box[1] - w.top(n)) * o, (box[2] - w.left(n)) * o,
                    (box[3] - w.left(n)) * o));
            NDIndex place = new NDIndex("{}:{}, :, {}:{}, {}:{}", b, b + 1, box[0] * o, box[1] * o, box[2] * o,
                    box[3] * o);
            int[] differs = stage.compares() ? differingBox(fresh, cache.get(place))
                    : new int[] {0, (box[1] - box[0]) * o, 0, (box[3] - box[2]) * o};
            if (differs != null) {
                changed[b] = new int[] {box[0] * o + differs[0], box[0] * o + differs[1], box[2] * o + differs[2],
                    box[2] * o + differs[3]};
            }
            cache.set(place, fresh);
        }
        return new Update(cache, Region.of((int) s.get(2), (int) s.get(3), changed), w.computedShare());
    }

    /** Where two {@code (B, C, H, W)} maps differ, per item the box around the differing pixels. */
    static Region changedRegion(NDArray fresh, NDArray old) {
        Shape s = fresh.getShape();
        int batch = (int) s.get(0);
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        if (!s.equals(old.getShape())) {
            return Region.all(batch, h, w);
        }
        int[][] boxes = new int[batch][];
        for (int b = 0; b < batch; b++) {
            NDIndex item = new NDIndex("{}:{}", b, b + 1);
            boxes[b] = differingBox(fresh.get(item), old.get(item));
        }
        return Region.of(h, w, boxes);
    }

    /** The box {@code {top, bottom, left, right}} around the pixels where two {@code (1, C, h, w)} arrays differ. */
    private static int[] differingBox(NDArray fresh, NDArray old) {
        NDArray pixels = fresh.neq(old).toType(DataType.INT32, false).sum(new int[] {0, 1}).gt(0);
        boolean[] rowsCols = NDArrays.concat(new NDList(pixels.sum(new int[] {1}).gt(0),
                pixels.sum(new int[] {0}).gt(0))).toBooleanArray();
        int h = (int) pixels.getShape().get(0);
        int top = first(rowsCols, 0, h);
        if (top < 0) {
            return null;
        }
        return new int[] {top, last(rowsCols, 0, h) + 1, first(rowsCols, h, rowsCols.length) - h,
            last(rowsCols, h, rowsCols.length) - h + 1};
    }

    private static int first(boolean[] v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (v[i]) {
                return i;
            }
        }
        return -1;
    }

    private static int last(boolean[] v, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (v[i]) {
                return i;
            }
        }
        return -1;
    }

    private static double[] filled(int batch, double value) {
        double[] d = new double[batch];
        Arrays.fill(d, value);
        return d;
    }
}
