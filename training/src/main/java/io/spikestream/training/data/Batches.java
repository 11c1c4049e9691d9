package io.spikestream.training.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.training.losses.SemanticTargets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batches samples as the official {@code SegDataPreProcessor}: normalise with the ImageNet mean and
 * standard deviation, then pad at the bottom and right to a common size with 0 (image, after normalising) and
 * 255 (labels).
 */
public final class Batches {

    private Batches() {}

    /**
     * A network-ready batch.
     *
     * @param images {@code (B, 3, H, W)} normalised
     * @param targets per image, labels padded to {@code H x W}
     */
    public record Batch(NDArray images, List<SemanticTargets> targets) {}

    /**
     * Builds a batch padded to {@code height x width}.
     *
     * @param samples the samples, each at most {@code height x width}
     * @param height padded height
     * @param width padded width
     * @param numClasses K
     * @param manager owner of the arrays
     * @return the batch
     */
    public static Batch of(List<Sample> samples, int height, int width, int numClasses, NDManager manager) {
        int plane = height * width;
        float[] pixels = new float[samples.size() * 3 * plane];
        List<SemanticTargets> targets = new ArrayList<>(samples.size());
        for (int b = 0; b < samples.size(); b++) {
            Sample s = samples.get(b);
            if (s.width() > width || s.height() > height) {
                throw new IllegalArgumentException("sample " + s.name() + " is " + s.width() + "x" + s.height()
                        + ", larger than the batch size " + width + "x" + height);
            }
            normalise(s, pixels, b * 3 * plane, height, width);
            targets.add(SemanticTargets.of(padLabels(s, height, width), height, width, numClasses, 255));
        }
        NDArray images = manager.create(pixels, new Shape(samples.size(), 3, height, width));
        return new Batch(images, targets);
    }

    private static void normalise(Sample s, float[] out, int offset, int height, int width) {
        float[] mean = Spike2FormerConfig.PIXEL_MEAN;
        float[] std = Spike2FormerConfig.PIXEL_STD;
        int plane = height * width;
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                int src = 3 * (y * s.width() + x);
                for (int c = 0; c < 3; c++) {
                    out[offset + c * plane + y * width + x] = ((s.rgb()[src + c] & 0xFF) - mean[c]) / std[c];
                }
            }
        }
    }

    private static byte[] padLabels(Sample s, int height, int width) {
        if (s.width() == width && s.height() == height) {
            return s.labels();
        }
        byte[] out = new byte[height * width];
        Arrays.fill(out, (byte) 255);
        for (int y = 0; y < s.height(); y++) {
            System.arraycopy(s.labels(), y * s.width(), out, y * width, s.width());
        }
        return out;
    }
}
