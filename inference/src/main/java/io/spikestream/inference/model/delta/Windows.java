package io.spikestream.inference.model.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The windows of one sparse stage update: for each tile to compute, its batch item, its origin and the
 * origin of its window (tile plus radius, shifted inside the map at the borders), with the index arrays
 * that cut windows out of input maps, cut tiles out of the stage's output windows and address the tiles in
 * the cached output. All index arrays are built on the host and sent once per use.
 */
final class Windows {

    private final Tiles candidates;
    private final int tile;
    private final int size;
    private final int count;
    private final int[] item;
    private final int[] tileY;
    private final int[] tileX;
    private final int[] winY;
    private final int[] winX;
    private final int[] index;

    private Windows(Tiles candidates, int tile, int radius) {
        this.candidates = candidates;
        this.tile = tile;
        this.size = tile + 2 * radius;
        this.count = candidates.count();
        item = new int[count];
        tileY = new int[count];
        tileX = new int[count];
        winY = new int[count];
        winX = new int[count];
        index = new int[count];
        int height = candidates.rows() * tile;
        int width = candidates.cols() * tile;
        int n = 0;
        for (int b = 0; b < candidates.batch(); b++) {
            for (int r = 0; r < candidates.rows(); r++) {
                for (int c = 0; c < candidates.cols(); c++) {
                    if (candidates.has(b, r, c)) {
                        item[n] = b;
                        tileY[n] = r * tile;
                        tileX[n] = c * tile;
                        winY[n] = Math.min(Math.max(0, tileY[n] - radius), height - size);
                        winX[n] = Math.min(Math.max(0, tileX[n] - radius), width - size);
                        index[n] = r * candidates.cols() + c;
                        n++;
                    }
                }
            }
        }
    }

    /**
     * Plans the windows, or returns null when the stage should run dense: a window larger than the map, or
     * windows covering more than {@code denseBound} of the map.
     */
    static Windows plan(Tiles candidates, int tile, int radius, double denseBound) {
        int size = tile + 2 * radius;
        long height = (long) candidates.rows() * tile;
        long width = (long) candidates.cols() * tile;
        if (size > height || size > width) {
            return null;
        }
        double area = (double) candidates.count() * size * size;
        if (area > denseBound * candidates.batch() * height * width) {
            return null;
        }
        return new Windows(candidates, tile, radius);
    }

    /** Share of each item's dense work that the windows compute. */
    double[] computedShare() {
        double[] share = new double[candidates.batch()];
        double map = (double) candidates.rows() * candidates.cols() * tile * tile;
        for (int n = 0; n < count; n++) {
            share[item[n]] += size * size / map;
        }
        return share;
    }

    /** The batch item of every window, INT64 {@code (N)}, on the device of {@code like}. */
    NDArray items(NDArray like) {
        return longs(like, new Shape(count), (n, i, j) -> item[n]);
    }

    /**
     * Cuts the windows out of a map.
     *
     * @param map {@code (B, C, H * stride, W * stride)}
     * @param stride map pixels per grid pixel
     * @return {@code (N, C, size * stride, size * stride)}
     */
    NDArray gather(NDArray map, int stride) {
        Shape s = map.getShape();
        long width = s.get(3);
        int span = size * stride;
        NDArray items = longs(map, new Shape(count, 1, 1), (n, i, j) -> item[n]);
        NDArray pixels = longs(map, new Shape(count, span, span),
                (n, i, j) -> (winY[n] * stride + i) * width + winX[n] * stride + j);
        NDArray flat = map.reshape(s.get(0), s.get(1), s.get(2) * width);
        return flat.get(new NDIndex("{}, :, {}", items, pixels)).transpose(0, 3, 1, 2);
    }

    /**
     * Cuts each window's tile out of the stage's output windows.
     *
     * @param out {@code (N, C, size * stride, size * stride)}
     * @param stride output pixels per grid pixel
     * @return {@code (N, tile * stride, tile * stride, C)}
     */
    NDArray extract(NDArray out, int stride) {
        int t = tile * stride;
        NDArray rows = longs(out, new Shape(count, 1, 1), (n, i, j) -> n);
        NDArray ys = longs(out, new Shape(count, t, 1), (n, i, j) -> (tileY[n] - winY[n]) * stride + i);
        NDArray xs = longs(out, new Shape(count, 1, t), (n, i, j) -> (tileX[n] - winX[n]) * stride + j);
        return out.get(new NDIndex("{}, :, {}, {}", rows, ys, xs));
    }

    /**
     * Addresses the tiles in a cached output viewed as {@code (B, C, H * W)}: selecting with it gives
     * {@code (N, tile * stride, tile * stride, C)}, the layout of {@link #extract}.
     *
     * @param cache {@code (B, C, H, W)}
     * @param stride output pixels per grid pixel
     * @return the index
     */
    NDIndex cacheIndex(NDArray cache, int stride) {
        long width = cache.getShape().get(3);
        int t = tile * stride;
        NDArray items = longs(cache, new Shape(count, 1, 1), (n, i, j) -> item[n]);
        NDArray pixels = longs(cache, new Shape(count, t, t),
                (n, i, j) -> (tileY[n] * stride + i) * width + tileX[n] * stride + j);
        return new NDIndex("{}, :, {}", items, pixels);
    }

    /** The computed tiles whose flag is non-zero. */
    Tiles changed(int[] differs) {
        boolean[][] flags = new boolean[candidates.batch()][candidates.rows() * candidates.cols()];
        for (int n = 0; n < count; n++) {
            flags[item[n]][index[n]] = differs[n] != 0;
        }
        return Tiles.of(candidates.rows(), candidates.cols(), flags);
    }

    @FunctionalInterface
    private interface Cell {
        long value(int n, int i, int j);
    }

    /** An INT64 array of {@code shape} (N, I, J) filled from {@code cell}, on the device of {@code like}. */
    private static NDArray longs(NDArray like, Shape shape, Cell cell) {
        int rows = (int) shape.get(0);
        int is = shape.dimension() > 1 ? (int) shape.get(1) : 1;
        int js = shape.dimension() > 2 ? (int) shape.get(2) : 1;
        long[] v = new long[rows * is * js];
        int k = 0;
        for (int n = 0; n < rows; n++) {
            for (int i = 0; i < is; i++) {
                for (int j = 0; j < js; j++) {
                    v[k++] = cell.value(n, i, j);
                }
            }
        }
        return like.getManager().create(v, shape).toDevice(like.getDevice(), false);
    }
}
