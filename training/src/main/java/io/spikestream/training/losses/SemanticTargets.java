package io.spikestream.training.losses;

import java.util.Arrays;

/**
 * The mask-classification targets of one semantic label map, as the official
 * {@code MaskFormerHead._seg_data_to_instance_data} builds them: one binary mask per class present in the
 * image, the ignore label dropped. Ignored pixels are 0 in every mask, so the mask losses treat them as
 * background of every class (the official code does the same; it has no ignore handling in the mask losses).
 *
 * @param height label map height
 * @param width label map width
 * @param classes the classes present, ascending (the official {@code torch.unique} order on CPU)
 * @param labels row-major labels, unsigned bytes
 */
public record SemanticTargets(int height, int width, int[] classes, byte[] labels) {

    /**
     * Collects the classes of a label map.
     *
     * @param labels row-major labels (trainIds), {@code height * width}
     * @param height height
     * @param width width
     * @param numClasses K; labels {@code >= K} other than the ignore label are rejected
     * @param ignore the ignore label, e.g. 255
     * @return the targets
     */
    public static SemanticTargets of(byte[] labels, int height, int width, int numClasses, int ignore) {
        if (labels.length != height * width) {
            throw new IllegalArgumentException("label map has " + labels.length + " pixels, expected "
                    + height + "x" + width);
        }
        boolean[] present = new boolean[256];
        for (byte b : labels) {
            present[b & 0xFF] = true;
        }
        int[] classes = new int[numClasses];
        int n = 0;
        for (int c = 0; c < 256; c++) {
            if (present[c] && c != ignore) {
                if (c >= numClasses) {
                    throw new IllegalArgumentException("label " + c + " is neither a class (0.." + (numClasses - 1)
                            + ") nor the ignore label " + ignore);
                }
                classes[n++] = c;
            }
        }
        return new SemanticTargets(height, width, Arrays.copyOf(classes, n), labels);
    }

    /** Number of target masks (classes present). */
    public int count() {
        return classes.length;
    }

    /**
     * The binary masks at the label map's size.
     *
     * @return {@code (G, height * width)} row-major, 1 where the pixel has the class
     */
    public float[] masks() {
        return masks(height, width);
    }

    /**
     * The binary masks resized by nearest neighbour as {@code F.interpolate(mode='nearest')}: output pixel
     * {@code y} reads input row {@code min(floor(y * (H / outH)), H - 1)} with the scale in float.
     *
     * @param outH output height
     * @param outW output width
     * @return {@code (G, outH * outW)} row-major
     */
    public float[] masks(int outH, int outW) {
        int[] rows = nearest(height, outH);
        int[] cols = nearest(width, outW);
        int[] slot = slots();
        int plane = outH * outW;
        float[] out = new float[classes.length * plane];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int s = slot[labels[rows[y] * width + cols[x]] & 0xFF];
                if (s >= 0) {
                    out[s * plane + y * outW + x] = 1f;
                }
            }
        }
        return out;
    }

    private int[] slots() {
        int[] slot = new int[256];
        Arrays.fill(slot, -1);
        for (int i = 0; i < classes.length; i++) {
            slot[classes[i]] = i;
        }
        return slot;
    }

    private static int[] nearest(int in, int out) {
        float scale = (float) in / out;
        int[] src = new int[out];
        for (int i = 0; i < out; i++) {
            src[i] = Math.min((int) Math.floor(i * scale), in - 1);
        }
        return src;
    }
}
