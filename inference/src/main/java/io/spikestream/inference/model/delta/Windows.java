package io.spikestream.inference.model.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The windows of one sparse stage update and the tiles computed in them. Two layouts, whichever covers less:
 * one square window per tile (the tile plus the stage's radius on every side), or one window per batch item
 * around the bounding box of its tiles plus the radius (all items' windows of one size, so that they batch).
 * A window is shifted inside the map at its borders; every tile it computes is then at least the radius away
 * from the window's edges or lies on the image border, where the stage pads as on the whole map.
 *
 * <p>It builds, on the host, the index arrays that cut windows out of input maps, cut tiles out of the stage's
 * output windows, and address the tiles in the cached output.
 */
final class Windows {

    private final Tiles candidates;
    private final int tile;
    private final int height;
    private final int width;
    private final int[] winItem;
    private final int[] winY;
    private final int[] winX;
    private final int[] tileWin;
    private final int[] tileY;
    private final int[] tileX;
    private final int[] tileIndex;

    private Windows(Tiles candidates, int tile, int height, int width, int[][] windows, int[] tileWin) {
        this.candidates = candidates;
        this.tile = tile;
        this.height = height;
        this.width = width;
        this.winItem = windows[0];
        this.winY = windows[1];
        this.winX = windows[2];
        this.tileWin = tileWin;
        int n = candidates.count();
        tileY = new int[n];
        tileX = new int[n];
        tileIndex = new int[n];
        int k = 0;
        for (int b = 0; b < candidates.batch(); b++) {
            for (int r = 0; r < candidates.rows(); r++) {
                for (int c = 0; c < candidates.cols(); c++) {
                    if (candidates.has(b, r, c)) {
                        tileY[k] = r * tile;
                        tileX[k] = c * tile;
                        tileIndex[k++] = r * candidates.cols() + c;
                    }
                }
            }
        }
    }

    /**
     * Plans the windows, or returns null when the stage should run dense: no layout fits the map, or the smaller
     * one covers more than {@code denseBound} of it.
     *
     * @param candidates tiles to compute
     * @param tile tile edge in grid pixels
     * @param radius the stage's reach in grid pixels
     * @param denseBound share of the map above which dense is cheaper
     * @return the windows, or null
     */
    static Windows plan(Tiles candidates, int tile, int radius, double denseBound) {
        int height = candidates.rows() * tile;
        int width = candidates.cols() * tile;
        Windows perTile = perTile(candidates, tile, radius, height, width);
        Windows boxes = boundingBoxes(candidates, tile, radius, height, width);
        Windows best = perTile == null || boxes.area() < perTile.area() ? boxes : perTile;
        return best.area() > denseBound * candidates.batch() * height * width ? null : best;
    }

    private static Windows perTile(Tiles candidates, int tile, int radius, int height, int width) {
        int size = tile + 2 * radius;
        if (size > height || size > width) {
            return null;
        }
        int n = candidates.count();
        int[][] windows = new int[4][n];
        int[] tileWin = new int[n];
        int k = 0;
        for (int b = 0; b < candidates.batch(); b++) {
            for (int r = 0; r < candidates.rows(); r++) {
                for (int c = 0; c < candidates.cols(); c++) {
                    if (candidates.has(b, r, c)) {
                        windows[0][k] = b;
                        windows[1][k] = clamp(r * tile - radius, height - size);
                        windows[2][k] = clamp(c * tile - radius, width - size);
                        windows[3][k] = size;
                        tileWin[k] = k;
                        k++;
                    }
                }
            }
        }
        return new Windows(candidates, tile, size, size, windows, tileWin);
    }

    private static Windows boundingBoxes(Tiles candidates, int tile, int radius, int height, int width) {
        int batch = candidates.batch();
        int[][] box = new int[batch][];
        int boxH = 0;
        int boxW = 0;
        int count = 0;
        for (int b = 0; b < batch; b++) {
            box[b] = bounds(candidates, b);
            if (box[b] != null) {
                boxH = Math.max(boxH, Math.min(height, (box[b][1] - box[b][0]) * tile + 2 * radius));
                boxW = Math.max(boxW, Math.min(width, (box[b][3] - box[b][2]) * tile + 2 * radius));
                count++;
            }
        }
        int[][] windows = new int[4][count];
        int[] windowOf = new int[batch];
        int k = 0;
        for (int b = 0; b < batch; b++) {
            if (box[b] != null) {
                windows[0][k] = b;
                windows[1][k] = clamp(box[b][0] * tile - radius, height - boxH);
                windows[2][k] = clamp(box[b][2] * tile - radius, width - boxW);
                windowOf[b] = k++;
            }
        }
        int[] tileWin = new int[candidates.count()];
        int t = 0;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < candidates.count(b); i++) {
                tileWin[t++] = windowOf[b];
            }
        }
        return new Windows(candidates, tile, boxH, boxW, windows, tileWin);
    }

    /** {@code [row0, row1, col0, col1)} of an item's tiles in tiles, or null when it has none. */
    private static int[] bounds(Tiles t, int b) {
        int[] box = {Integer.MAX_VALUE, -1, Integer.MAX_VALUE, -1};
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < t.cols(); c++) {
                if (t.has(b, r, c)) {
                    box[0] = Math.min(box[0], r);
                    box[1] = Math.max(box[1], r + 1);
                    box[2] = Math.min(box[2], c);
                    box[3] = Math.max(box[3], c + 1);
                }
            }
        }
        return box[1] < 0 ? null : box;
    }

    private static int clamp(int origin, int max) {
        return Math.min(Math.max(0, origin), max);
    }

    /** Grid pixels covered by all windows. */
    long area() {
        return (long) winItem.length * height * width;
    }

    /** Share of each item's dense work that the windows compute. */
    double[] computedShare() {
        double[] share = new double[candidates.batch()];
        double map = (double) candidates.rows() * candidates.cols() * tile * tile;
        for (int item : winItem) {
            share[item] += height * width / map;
        }
        return share;
    }

    /** The batch item of every window, INT64 {@code (N)}, on the device of {@code like}. */
    NDArray items(NDArray like) {
        return longs(like, new Shape(winItem.length), (n, i, j) -> winItem[n]);
    }

    /**
     * Cuts the windows out of a map.
     *
     * @param map {@code (B, C, H * stride, W * stride)}
     * @param stride map pixels per grid pixel
     * @return {@code (N, C, height * stride, width * stride)}
     */
    NDArray gather(NDArray map, int stride) {
        Shape s = map.getShape();
        long mapWidth = s.get(3);
        NDArray items = longs(map, new Shape(winItem.length, 1, 1), (n, i, j) -> winItem[n]);
        NDArray pixels = longs(map, new Shape(winItem.length, height * stride, width * stride),
                (n, i, j) -> (winY[n] * stride + i) * mapWidth + winX[n] * stride + j);
        NDArray flat = map.reshape(s.get(0), s.get(1), s.get(2) * mapWidth);
        return flat.get(new NDIndex("{}, :, {}", items, pixels)).transpose(0, 3, 1, 2);
    }

    /**
     * Cuts every tile out of its window's output.
     *
     * @param out {@code (N, C, height * stride, width * stride)}
     * @param stride output pixels per grid pixel
     * @return {@code (tiles, tile * stride, tile * stride, C)}
     */
    NDArray extract(NDArray out, int stride) {
        int t = tile * stride;
        int n = tileWin.length;
        NDArray rows = longs(out, new Shape(n, 1, 1), (k, i, j) -> tileWin[k]);
        NDArray ys = longs(out, new Shape(n, t, 1), (k, i, j) -> (tileY[k] - winY[tileWin[k]]) * stride + i);
        NDArray xs = longs(out, new Shape(n, 1, t), (k, i, j) -> (tileX[k] - winX[tileWin[k]]) * stride + j);
        return out.get(new NDIndex("{}, :, {}, {}", rows, ys, xs));
    }

    /**
     * Addresses the tiles in a cached output viewed as {@code (B, C, H * W)}: selecting with it gives
     * {@code (tiles, tile * stride, tile * stride, C)}, the layout of {@link #extract}.
     *
     * @param cache {@code (B, C, H, W)}
     * @param stride output pixels per grid pixel
     * @return the index
     */
    NDIndex cacheIndex(NDArray cache, int stride) {
        long mapWidth = cache.getShape().get(3);
        int t = tile * stride;
        int n = tileWin.length;
        NDArray items = longs(cache, new Shape(n, 1, 1), (k, i, j) -> winItem[tileWin[k]]);
        NDArray pixels = longs(cache, new Shape(n, t, t),
                (k, i, j) -> (tileY[k] * stride + i) * mapWidth + tileX[k] * stride + j);
        return new NDIndex("{}, :, {}", items, pixels);
    }

    /** The computed tiles whose flag is non-zero. */
    Tiles changed(int[] differs) {
        boolean[][] flags = new boolean[candidates.batch()][candidates.rows() * candidates.cols()];
        for (int k = 0; k < tileWin.length; k++) {
            flags[winItem[tileWin[k]]][tileIndex[k]] = differs[k] != 0;
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
