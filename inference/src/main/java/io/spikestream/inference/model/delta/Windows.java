package io.spikestream.inference.model.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The windows of one sparse stage update: one per camera with something to compute, around its reach (the output
 * rectangle to compute) plus the stage's radius, all of one size so that they batch, shifted inside the map at
 * its borders. Sizes are in grid pixels.
 */
final class Windows {

    private final Region reach;
    private final int height;
    private final int width;
    private final int[] item;
    private final int[] top;
    private final int[] left;

    private Windows(Region reach, int height, int width, int[] item, int[] top, int[] left) {
        this.reach = reach;
        this.height = height;
        this.width = width;
        this.item = item;
        this.top = top;
        this.left = left;
    }

    /**
     * Plans the windows, or returns null when the stage should run dense: they would cover more than
     * {@code denseBound} of the maps.
     *
     * @param reach per camera, the output rectangle to compute
     * @param radius the stage's reach in grid pixels (the halo)
     * @param denseBound share of the maps above which dense is cheaper
     * @return the windows, or null
     */
    static Windows plan(Region reach, int radius, double denseBound) {
        int mapH = reach.height();
        int mapW = reach.width();
        int h = 0;
        int w = 0;
        int count = 0;
        for (int b = 0; b < reach.batch(); b++) {
            int[] box = reach.box(b);
            if (box != null) {
                h = Math.max(h, Math.min(mapH, box[1] - box[0] + 2 * radius));
                w = Math.max(w, Math.min(mapW, box[3] - box[2] + 2 * radius));
                count++;
            }
        }
        if ((double) count * h * w > denseBound * reach.batch() * mapH * mapW) {
            return null;
        }
        int[] item = new int[count];
        int[] top = new int[count];
        int[] left = new int[count];
        int n = 0;
        for (int b = 0; b < reach.batch(); b++) {
            int[] box = reach.box(b);
            if (box != null) {
                item[n] = b;
                top[n] = Math.min(Math.max(0, box[0] - radius), mapH - h);
                left[n] = Math.min(Math.max(0, box[2] - radius), mapW - w);
                n++;
            }
        }
        return new Windows(reach, h, w, item, top, left);
    }

    /** Number of windows. */
    int count() {
        return item.length;
    }

    /** The camera (batch item) of window {@code n}. */
    int item(int n) {
        return item[n];
    }

    /** Top row of window {@code n}. */
    int top(int n) {
        return top[n];
    }

    /** Left column of window {@code n}. */
    int left(int n) {
        return left[n];
    }

    /** The rectangle to compute for camera {@code b}. */
    int[] reach(int b) {
        return reach.box(b);
    }

    /** Share of each camera's dense work that the windows compute. */
    double[] computedShare() {
        double[] share = new double[reach.batch()];
        double map = (double) reach.height() * reach.width();
        for (int b : item) {
            share[b] += height * width / map;
        }
        return share;
    }

    /** The camera of every window, INT64 {@code (N)}, on the device of {@code like}. */
    NDArray items(NDArray like) {
        long[] v = new long[item.length];
        for (int n = 0; n < v.length; n++) {
            v[n] = item[n];
        }
        return like.getManager().create(v).toDevice(like.getDevice(), false);
    }

    /**
     * Cuts the windows out of a map.
     *
     * @param map {@code (B, C, H * stride, W * stride)}
     * @param stride map pixels per grid pixel
     * @return {@code (N, C, height * stride, width * stride)}
     */
    NDArray gather(NDArray map, int stride) {
        if (item.length == 1) {
            int n = 0;
            return map.get(new NDIndex("{}:{}, :, {}:{}, {}:{}", item[n], item[n] + 1, top[n] * stride,
                    (top[n] + height) * stride, left[n] * stride, (left[n] + width) * stride));
        }
        Shape s = map.getShape();
        long mapWidth = s.get(3);
        int h = height * stride;
        int w = width * stride;
        long[] items = new long[item.length];
        long[] pixels = new long[item.length * h * w];
        int k = 0;
        for (int n = 0; n < item.length; n++) {
            items[n] = item[n];
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    pixels[k++] = (top[n] * stride + i) * mapWidth + left[n] * stride + j;
                }
            }
        }
        NDArray itemIndex = map.getManager().create(items, new Shape(item.length, 1, 1)).toDevice(map.getDevice(), false);
        NDArray pixelIndex = map.getManager().create(pixels, new Shape(item.length, h, w))
                .toDevice(map.getDevice(), false);
        NDArray flat = map.reshape(s.get(0), s.get(1), s.get(2) * mapWidth);
        return flat.get(new NDIndex("{}, :, {}", itemIndex, pixelIndex)).transpose(0, 3, 1, 2);
    }
}
