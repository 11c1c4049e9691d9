package io.spikestream.inference.model.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.List;

/**
 * Brings one stage's cached output up to date with its changed inputs.
 *
 * <p>Sparse: the output tiles that a change can reach (the changed input tiles grown by the stage's radius)
 * are computed as one dense batch of windows, each the tile plus {@code radius} pixels on every side and
 * shifted inside the map at its borders, so that a window's border is either at least {@code radius} from
 * its tile or the image's own border, where the stage pads as it does on the whole map. The tiles are cut
 * out of the windows, compared exactly with the cached ones, and written into the cache in place; only the
 * tiles whose values changed are reported onwards.
 *
 * <p>Dense: when the windows would cover more than {@code denseBound} of the map (their overlap makes them
 * cost more than the map itself), when a window does not fit the map, or for a global stage, the stage runs
 * on the whole map; the changed tiles are then found by comparing the new map with the cached one.
 */
public final class WindowRunner {

    private final double denseBound;

    /**
     * Creates a runner.
     *
     * @param denseBound run dense when the windows' area exceeds this share of the map (e.g. 0.5)
     */
    public WindowRunner(double denseBound) {
        if (!(denseBound > 0)) {
            throw new IllegalArgumentException("The dense bound must be positive, got " + denseBound);
        }
        this.denseBound = denseBound;
    }

    /**
     * The result of an update.
     *
     * @param output the stage's output map, {@code (B, C, H, W)} at output resolution: the cache updated in
     *     place, or a new map when the stage ran dense (the caller then drops the old one)
     * @param changed output tiles whose values changed
     * @param computed per batch item, the share of the stage's dense work that was done (halos included)
     */
    public record Update(NDArray output, Tiles changed, double[] computed) {}

    /**
     * Updates a stage's output.
     *
     * @param ctx the pass context
     * @param stage the stage
     * @param tile grid tile size in grid pixels
     * @param inputs the stage's whole input maps {@code (B, C_i, H_i, W_i)}, up to date
     * @param changedInputs input tiles that changed since the cache was computed
     * @param cache the output as last computed, or null to compute it from scratch
     * @return the updated output, what changed and how much was computed
     */
    public Update run(SpikeContext ctx, LocalStage stage, int tile, List<NDArray> inputs, Tiles changedInputs,
            NDArray cache) {
        int batch = changedInputs.batch();
        if (cache == null) {
            NDArray out = dense(ctx, stage, inputs, batch);
            return new Update(out, Tiles.all(batch, changedInputs.rows(), changedInputs.cols()), filled(batch, 1));
        }
        if (changedInputs.isEmpty()) {
            return new Update(cache, changedInputs, filled(batch, 0));
        }
        Tiles candidates = stage.global() ? changedInputs
                : changedInputs.dilate((stage.radius() + tile - 1) / tile);
        Windows windows = stage.global() ? null : Windows.plan(candidates, tile, stage.radius(), denseBound);
        if (windows == null) {
            NDArray out = dense(ctx, stage, inputs, batch);
            return new Update(out, changedTiles(out, cache, tile * stage.outStride(), candidates),
                    filled(batch, 1));
        }
        return sparse(ctx, stage, inputs, cache, windows);
    }

    private static NDArray dense(SpikeContext ctx, LocalStage stage, List<NDArray> inputs, int batch) {
        NDManager m = inputs.get(0).getManager();
        NDArray items = m.arange(0, batch, 1, DataType.INT64).toDevice(ctx.device(), false);
        return stage.body().apply(ctx, new NDList(inputs), items);
    }

    private static Update sparse(SpikeContext ctx, LocalStage stage, List<NDArray> inputs, NDArray cache,
            Windows w) {
        NDList cut = new NDList(inputs.size());
        for (NDArray input : inputs) {
            cut.add(w.gather(input, stage.inStride()));
        }
        NDArray out = stage.body().apply(ctx, cut, w.items(cache));
        NDArray fresh = w.extract(out, stage.outStride());
        NDIndex cells = w.cacheIndex(cache, stage.outStride());
        Shape s = cache.getShape();
        NDArray flatCache = cache.reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
        int[] differs = fresh.neq(flatCache.get(cells)).toType(DataType.INT32, false)
                .sum(new int[] {1, 2, 3}).toType(DataType.INT32, false).toIntArray();
        flatCache.set(cells, fresh);
        return new Update(cache, w.changed(differs), w.computedShare());
    }

    /** Tiles among {@code candidates} where two {@code (B, C, H, W)} maps differ; {@code tile} in their pixels. */
    static Tiles changedTiles(NDArray fresh, NDArray old, int tile, Tiles candidates) {
        Shape s = fresh.getShape();
        if (!s.equals(old.getShape())) {
            return Tiles.all(candidates.batch(), candidates.rows(), candidates.cols());
        }
        int rows = candidates.rows();
        int cols = candidates.cols();
        int[] differs = fresh.neq(old).toType(DataType.INT32, false)
                .reshape(s.get(0), s.get(1), rows, tile, cols, tile).sum(new int[] {1, 3, 5})
                .toType(DataType.INT32, false).toIntArray();
        boolean[][] flags = new boolean[candidates.batch()][rows * cols];
        for (int b = 0; b < flags.length; b++) {
            for (int i = 0; i < rows * cols; i++) {
                flags[b][i] = differs[b * rows * cols + i] != 0;
            }
        }
        return Tiles.of(rows, cols, flags);
    }

    private static double[] filled(int batch, double value) {
        double[] d = new double[batch];
        java.util.Arrays.fill(d, value);
        return d;
    }
}
