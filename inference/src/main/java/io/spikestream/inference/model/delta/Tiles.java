package io.spikestream.inference.model.delta;

import java.util.Arrays;

/**
 * A set of tiles per batch item on a {@code rows x cols} grid: the regions of a feature map that changed
 * or must be recomputed. Every level of the network uses the same grid (tiles halve with the resolution),
 * so one set describes a region at any level. Immutable.
 */
public final class Tiles {

    private final int rows;
    private final int cols;
    private final boolean[][] marked;

    private Tiles(int rows, int cols, boolean[][] marked) {
        this.rows = rows;
        this.cols = cols;
        this.marked = marked;
    }

    /**
     * Tiles marked from flat per-item flags.
     *
     * @param rows grid rows
     * @param cols grid columns
     * @param flags per batch item, {@code rows * cols} flags in row-major order (copied)
     * @return the set
     */
    public static Tiles of(int rows, int cols, boolean[][] flags) {
        boolean[][] copy = new boolean[flags.length][];
        for (int b = 0; b < flags.length; b++) {
            if (flags[b].length != rows * cols) {
                throw new IllegalArgumentException("Expected " + rows * cols + " tile flags, got " + flags[b].length);
            }
            copy[b] = flags[b].clone();
        }
        return new Tiles(rows, cols, copy);
    }

    /** Every tile of every item. */
    public static Tiles all(int batch, int rows, int cols) {
        return filled(batch, rows, cols, true);
    }

    /** No tile. */
    public static Tiles none(int batch, int rows, int cols) {
        return filled(batch, rows, cols, false);
    }

    private static Tiles filled(int batch, int rows, int cols, boolean value) {
        boolean[][] m = new boolean[batch][rows * cols];
        for (boolean[] item : m) {
            Arrays.fill(item, value);
        }
        return new Tiles(rows, cols, m);
    }

    /** Grid rows. */
    public int rows() {
        return rows;
    }

    /** Grid columns. */
    public int cols() {
        return cols;
    }

    /** Batch items. */
    public int batch() {
        return marked.length;
    }

    /** Whether tile {@code (row, col)} of item {@code b} is in the set. */
    public boolean has(int b, int row, int col) {
        return marked[b][row * cols + col];
    }

    /** Number of tiles in the set over all items. */
    public int count() {
        int n = 0;
        for (int b = 0; b < marked.length; b++) {
            n += count(b);
        }
        return n;
    }

    /** Number of tiles in the set for one item. */
    public int count(int b) {
        int n = 0;
        for (boolean v : marked[b]) {
            n += v ? 1 : 0;
        }
        return n;
    }

    /** Whether the set is empty. */
    public boolean isEmpty() {
        return count() == 0;
    }

    /** Share of all tiles that are in the set. */
    public double fraction() {
        return (double) count() / ((long) marked.length * rows * cols);
    }

    /**
     * The set grown by {@code k} tiles in every direction (a square neighbourhood), the tiles that an operation
     * reaching {@code k} tiles can change.
     *
     * @param k tiles, at least 0
     * @return the grown set
     */
    public Tiles dilate(int k) {
        if (k == 0) {
            return this;
        }
        boolean[][] out = new boolean[marked.length][rows * cols];
        for (int b = 0; b < marked.length; b++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (has(b, r, c)) {
                        markSquare(out[b], r, c, k);
                    }
                }
            }
        }
        return new Tiles(rows, cols, out);
    }

    private void markSquare(boolean[] out, int r, int c, int k) {
        for (int y = Math.max(0, r - k); y <= Math.min(rows - 1, r + k); y++) {
            for (int x = Math.max(0, c - k); x <= Math.min(cols - 1, c + k); x++) {
                out[y * cols + x] = true;
            }
        }
    }

    /**
     * The set on a grid {@code f} times coarser: a coarse tile is in it when any of its {@code f x f} tiles is.
     *
     * @param f factor dividing rows and columns
     * @return the coarser set
     */
    public Tiles coarsen(int f) {
        if (rows % f != 0 || cols % f != 0) {
            throw new IllegalArgumentException("A " + rows + "x" + cols + " grid cannot be coarsened by " + f);
        }
        int cr = rows / f;
        int cc = cols / f;
        boolean[][] out = new boolean[marked.length][cr * cc];
        for (int b = 0; b < marked.length; b++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[b][(r / f) * cc + c / f] |= has(b, r, c);
                }
            }
        }
        return new Tiles(cr, cc, out);
    }

    /**
     * The set on a grid {@code f} times finer: every fine tile of a marked tile is marked.
     *
     * @param f factor
     * @return the finer set
     */
    public Tiles refine(int f) {
        int fr = rows * f;
        int fc = cols * f;
        boolean[][] out = new boolean[marked.length][fr * fc];
        for (int b = 0; b < marked.length; b++) {
            for (int r = 0; r < fr; r++) {
                for (int c = 0; c < fc; c++) {
                    out[b][r * fc + c] = has(b, r / f, c / f);
                }
            }
        }
        return new Tiles(fr, fc, out);
    }

    /**
     * Union with another set on the same grid.
     *
     * @param other the other set
     * @return tiles in either
     */
    public Tiles or(Tiles other) {
        if (other.rows != rows || other.cols != cols || other.batch() != batch()) {
            throw new IllegalArgumentException("Tile sets on different grids");
        }
        boolean[][] out = new boolean[marked.length][rows * cols];
        for (int b = 0; b < marked.length; b++) {
            for (int i = 0; i < out[b].length; i++) {
                out[b][i] = marked[b][i] || other.marked[b][i];
            }
        }
        return new Tiles(rows, cols, out);
    }
}
