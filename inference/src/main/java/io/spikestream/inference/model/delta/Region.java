package io.spikestream.inference.model.delta;

import java.util.Arrays;

/**
 * Per batch item, the rectangle of a feature map that changed or must be recomputed, in that map's pixels
 * ({@code [top, bottom) x [left, right)}), or nothing. A rectangle is coarse (it covers everything between
 * two changed places) but grows by exactly a stage's reach, where tiles would grow by whole tiles. Immutable.
 */
public final class Region {

    private final int height;
    private final int width;
    private final int[][] boxes;

    private Region(int height, int width, int[][] boxes) {
        this.height = height;
        this.width = width;
        this.boxes = boxes;
    }

    /**
     * A region from per-item boxes.
     *
     * @param height map height
     * @param width map width
     * @param boxes per item {@code {top, bottom, left, right}} or null for nothing; clamped to the map
     * @return the region
     */
    public static Region of(int height, int width, int[][] boxes) {
        int[][] b = new int[boxes.length][];
        for (int i = 0; i < boxes.length; i++) {
            b[i] = clamp(boxes[i], height, width);
        }
        return new Region(height, width, b);
    }

    /** The whole map of every item. */
    public static Region all(int batch, int height, int width) {
        int[][] b = new int[batch][];
        for (int i = 0; i < batch; i++) {
            b[i] = new int[] {0, height, 0, width};
        }
        return new Region(height, width, b);
    }

    /** Nothing. */
    public static Region none(int batch, int height, int width) {
        return new Region(height, width, new int[batch][]);
    }

    private static int[] clamp(int[] box, int height, int width) {
        if (box == null) {
            return null;
        }
        int[] c = {Math.max(0, box[0]), Math.min(height, box[1]), Math.max(0, box[2]), Math.min(width, box[3])};
        return c[0] >= c[1] || c[2] >= c[3] ? null : c;
    }

    /** Map height. */
    public int height() {
        return height;
    }

    /** Map width. */
    public int width() {
        return width;
    }

    /** Batch items. */
    public int batch() {
        return boxes.length;
    }

    /** Item {@code b}'s box {@code {top, bottom, left, right}} (a copy), or null. */
    public int[] box(int b) {
        return boxes[b] == null ? null : boxes[b].clone();
    }

    /** Whether no item has anything. */
    public boolean isEmpty() {
        return Arrays.stream(boxes).allMatch(x -> x == null);
    }

    /** Covered share of all items' maps. */
    public double fraction() {
        double area = 0;
        for (int[] b : boxes) {
            area += b == null ? 0 : (double) (b[1] - b[0]) * (b[3] - b[2]);
        }
        return area / ((double) boxes.length * height * width);
    }

    /**
     * Grown by {@code r} pixels on every side, clamped to the map: what an operation reaching {@code r} pixels
     * can change.
     *
     * @param r pixels, at least 0
     * @return the grown region
     */
    public Region grow(int r) {
        int[][] out = new int[boxes.length][];
        for (int i = 0; i < boxes.length; i++) {
            int[] b = boxes[i];
            out[i] = b == null ? null : clamp(new int[] {b[0] - r, b[1] + r, b[2] - r, b[3] + r}, height, width);
        }
        return new Region(height, width, out);
    }

    /**
     * The same places on a map of another size, a power-of-two factor larger or smaller: shrinking covers every
     * coarse pixel that holds a changed fine one, enlarging every fine pixel of a changed coarse one.
     *
     * @param newHeight the other map's height
     * @param newWidth the other map's width
     * @return the region there
     */
    public Region resample(int newHeight, int newWidth) {
        if (newHeight == height && newWidth == width) {
            return this;
        }
        int[][] out = new int[boxes.length][];
        for (int i = 0; i < boxes.length; i++) {
            int[] b = boxes[i];
            if (b != null) {
                out[i] = clamp(new int[] {scaleDown(b[0], newHeight, height), scaleUp(b[1], newHeight, height),
                        scaleDown(b[2], newWidth, width), scaleUp(b[3], newWidth, width)}, newHeight, newWidth);
            }
        }
        return new Region(newHeight, newWidth, out);
    }

    private static int scaleDown(int v, int to, int from) {
        return (int) Math.floorDiv((long) v * to, from);
    }

    private static int scaleUp(int v, int to, int from) {
        return (int) -Math.floorDiv(-(long) v * to, from);
    }

    /**
     * Union, per item the box around both.
     *
     * @param other a region of the same map
     * @return the union
     */
    public Region or(Region other) {
        if (other.height != height || other.width != width || other.batch() != batch()) {
            throw new IllegalArgumentException("Regions of different maps: " + height + "x" + width + " and "
                    + other.height + "x" + other.width);
        }
        int[][] out = new int[boxes.length][];
        for (int i = 0; i < boxes.length; i++) {
            int[] a = boxes[i];
            int[] b = other.boxes[i];
            out[i] = a == null ? b : b == null ? a : new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1]),
                Math.min(a[2], b[2]), Math.max(a[3], b[3])};
        }
        return new Region(height, width, out);
    }

    /** Covered share of item {@code b}'s map. */
    public double fraction(int b) {
        int[] x = boxes[b];
        return x == null ? 0 : (double) (x[1] - x[0]) * (x[3] - x[2]) / ((double) height * width);
    }

    /** The region with nothing for the items {@code items} flags, unchanged elsewhere. */
    public Region without(boolean[] items) {
        int[][] out = new int[boxes.length][];
        for (int i = 0; i < boxes.length; i++) {
            out[i] = items[i] ? null : boxes[i];
        }
        return new Region(height, width, out);
    }

    /** The region where {@code items} flags an item as wholly changed, nothing elsewhere. */
    public Region orWhole(boolean[] items) {
        int[][] out = new int[boxes.length][];
        for (int i = 0; i < boxes.length; i++) {
            out[i] = items[i] ? new int[] {0, height, 0, width} : boxes[i];
        }
        return new Region(height, width, out);
    }
}
