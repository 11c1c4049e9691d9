package io.spikestream.inference.model.head;

import io.spikestream.inference.model.ops.Bilinear;

/**
 * The trainId map of one image's per-class scores, computed on the host: the same labels as
 * {@link EnlargedArgmax} (bilinear enlargement, then the first maximum over classes), for a result that ends on
 * the host anyway.
 *
 * <p>libtorch's CPU argmax over the class axis is a strided reduction that takes 7 ms at 128x256 and 24 ms at
 * 256x512 with 19 classes, 3-6 times its max; copying the scores to the host and scanning them class by class in
 * Java is contiguous and takes a fraction of that (docs/benchmarks.md). Pixels whose four source pixels share their
 * argmax take it (the argument in {@link EnlargedArgmax}); the others are interpolated over all classes with
 * the same float operations in the same order as {@link Bilinear}, rows first.
 */
final class HostLabels {

    private final float[] scores;
    private final int classes;
    private final int height;
    private final int width;

    /**
     * Wraps scores.
     *
     * @param scores {@code (K, h, w)} flattened, class first
     * @param classes K
     * @param height h
     * @param width w
     */
    HostLabels(float[] scores, int classes, int height, int width) {
        if (scores.length != (long) classes * height * width) {
            throw new IllegalArgumentException("Expected " + classes + "x" + height + "x" + width + " scores, got "
                    + scores.length);
        }
        this.scores = scores;
        this.classes = classes;
        this.height = height;
        this.width = width;
    }

    /** The argmax over classes at the scores' own size, one byte per pixel, row-major. */
    byte[] argmax() {
        int n = height * width;
        byte[] labels = new byte[n];
        float[] best = java.util.Arrays.copyOf(scores, n);
        for (int k = 1; k < classes; k++) {
            int offset = k * n;
            for (int p = 0; p < n; p++) {
                float v = scores[offset + p];
                if (v > best[p]) {
                    best[p] = v;
                    labels[p] = (byte) k;
                }
            }
        }
        return labels;
    }

    /**
     * Labels at an output size at least the scores' size.
     *
     * @param outH output height, at least h
     * @param outW output width, at least w
     * @return one byte per output pixel, row-major
     */
    byte[] enlarged(int outH, int outW) {
        byte[] low = argmax();
        if (outH == height && outW == width) {
            return low;
        }
        Bilinear.Taps rows = Bilinear.taps(height, outH);
        Bilinear.Taps cols = Bilinear.taps(width, outW);
        byte[] out = new byte[outH * outW];
        for (int y = 0; y < outH; y++) {
            int top = (int) rows.lo()[y] * width;
            int bottom = (int) rows.hi()[y] * width;
            for (int x = 0; x < outW; x++) {
                int left = (int) cols.lo()[x];
                int right = (int) cols.hi()[x];
                byte c = low[top + left];
                boolean agreed = c == low[top + right] && c == low[bottom + left] && c == low[bottom + right];
                out[y * outW + x] = agreed ? c
                        : interpolated(top, bottom, left, right, rows.weightHi()[y], cols.weightHi()[x]);
            }
        }
        return out;
    }

    /** The first maximum over classes of one enlarged pixel, blended as {@code EnlargedArgmax} blends it. */
    private byte interpolated(int top, int bottom, int left, int right, float rowHi, float colHi) {
        int n = height * width;
        float rowLo = 1f - rowHi;
        float colLo = 1f - colHi;
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            int o = k * n;
            float l = scores[o + top + left] * rowLo + scores[o + bottom + left] * rowHi;
            float r = scores[o + top + right] * rowLo + scores[o + bottom + right] * rowHi;
            float v = l * colLo + r * colHi;
            if (k == 0 || v > bestValue) {
                best = k;
                bestValue = v;
            }
        }
        return (byte) best;
    }
}
