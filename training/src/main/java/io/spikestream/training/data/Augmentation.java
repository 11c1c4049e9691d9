package io.spikestream.training.data;

import java.util.SplittableRandom;

/**
 * The mmseg training pipeline of the official configs, on {@link Sample}s, deterministic given a seed:
 * random rescale, {@code RandomCrop(cat_max_ratio)}, {@code RandomFlip(0.5)} and
 * {@code PhotoMetricDistortion} ({@code configs/Spike2Former/SDTv2_maskformer_DCNPixelDecoder_CityScapes.py:169-181}).
 *
 * <ul>
 *   <li>Rescale by a ratio drawn uniformly from {@code [minScale, maxScale]} (the Cityscapes config draws the
 *       short edge from {@code 1024 x {0.5, 0.6, .., 2.0}}; the ratio is relative to the sample's size here).
 *       Image bilinear, labels nearest.
 *   <li>Crop {@code cropH x cropW} (smaller when the image is): up to 10 tries for a crop whose most frequent
 *       non-ignored class covers less than {@code catMaxRatio} of its labelled pixels and that holds at least two
 *       classes (mmseg {@code RandomCrop}).
 *   <li>Horizontal flip with probability {@code flipProbability}.
 *   <li>Photometric distortion as mmseg's {@code PhotoMetricDistortion}, each step with probability 1/2:
 *       brightness {@code +U(-32, 32)}; contrast {@code x U(0.5, 1.5)} either first or last; saturation
 *       {@code x U(0.5, 1.5)}; hue {@code +U(-18, 18)} in OpenCV's 0..180 hue scale. Values are clipped to
 *       0..255 after each step. HSV is computed in floating point (OpenCV's uint8 HSV rounding is not reproduced).
 * </ul>
 *
 * <p>Padding of crops smaller than the crop size (mmseg pads with 0 after normalisation and labels 255) is
 * done when batching, see {@link Batches}.
 *
 * @param minScale smallest rescale ratio
 * @param maxScale largest rescale ratio
 * @param cropH crop height
 * @param cropW crop width
 * @param catMaxRatio largest share of one class in a crop (1 disables the check)
 * @param flipProbability probability of a horizontal flip
 * @param photometric whether to apply the photometric distortion
 * @param ignore ignore label
 */
public record Augmentation(double minScale, double maxScale, int cropH, int cropW, double catMaxRatio,
        double flipProbability, boolean photometric, int ignore) {

    private static final int CROP_TRIES = 10;

    public Augmentation {
        if (!(minScale > 0) || maxScale < minScale || cropH < 1 || cropW < 1 || catMaxRatio <= 0
                || flipProbability < 0 || flipProbability > 1) {
            throw new IllegalArgumentException("augmentation needs 0 < minScale <= maxScale, positive crop,"
                    + " catMaxRatio > 0 and flip probability in [0, 1]");
        }
    }

    /** The official settings with a given crop and scale range. */
    public static Augmentation official(int cropH, int cropW, double minScale, double maxScale) {
        return new Augmentation(minScale, maxScale, cropH, cropW, 0.75, 0.5, true, 255);
    }

    /**
     * Random choices for one sample (or one clip: apply the same params to every frame).
     *
     * @param scale rescale ratio
     * @param cropX left of the crop in the rescaled image
     * @param cropY top of the crop
     * @param flip horizontal flip
     * @param photo photometric draws: {@code [doBrightness, delta, contrastMode, doContrast, alpha, doSat, sat, doHue, hue]}
     */
    public record Params(double scale, int cropX, int cropY, boolean flip, double[] photo) {}

    /**
     * Draws the parameters for a sample.
     *
     * @param sample the sample (its labels steer {@code cat_max_ratio})
     * @param seed the draw's seed
     * @return the parameters
     */
    public Params draw(Sample sample, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double scale = minScale + (maxScale - minScale) * rng.nextDouble();
        int w = Math.max(1, (int) Math.round(sample.width() * scale));
        int h = Math.max(1, (int) Math.round(sample.height() * scale));
        byte[] labels = Images.resizeLabels(sample.labels(), sample.width(), sample.height(), w, h);
        int[] crop = cropOrigin(rng, labels, w, h);
        boolean flip = rng.nextDouble() < flipProbability;
        return new Params(scale, crop[0], crop[1], flip, photoDraws(rng));
    }

    /** Draws and applies. */
    public Sample apply(Sample sample, long seed) {
        return apply(sample, draw(sample, seed));
    }

    /**
     * Applies drawn parameters.
     *
     * @return the augmented sample, at most {@code cropH x cropW}
     */
    public Sample apply(Sample sample, Params p) {
        int w = Math.max(1, (int) Math.round(sample.width() * p.scale()));
        int h = Math.max(1, (int) Math.round(sample.height() * p.scale()));
        byte[] rgb = Images.resizeRgb(sample.rgb(), sample.width(), sample.height(), w, h);
        byte[] labels = Images.resizeLabels(sample.labels(), sample.width(), sample.height(), w, h);
        int cw = Math.min(cropW, w);
        int ch = Math.min(cropH, h);
        byte[] outRgb = new byte[3 * cw * ch];
        byte[] outLabels = new byte[cw * ch];
        for (int y = 0; y < ch; y++) {
            for (int x = 0; x < cw; x++) {
                int sx = p.cropX() + (p.flip() ? cw - 1 - x : x);
                int src = (p.cropY() + y) * w + sx;
                outLabels[y * cw + x] = labels[src];
                System.arraycopy(rgb, 3 * src, outRgb, 3 * (y * cw + x), 3);
            }
        }
        if (photometric) {
            PhotoMetric.apply(outRgb, p.photo());
        }
        return new Sample(cw, ch, outRgb, outLabels, sample.name());
    }

    private int[] cropOrigin(SplittableRandom rng, byte[] labels, int w, int h) {
        int[] origin = randomOrigin(rng, w, h);
        if (catMaxRatio >= 1) {
            return origin;
        }
        for (int i = 0; i < CROP_TRIES; i++) {
            if (balanced(labels, w, origin, Math.min(cropW, w), Math.min(cropH, h))) {
                break;
            }
            origin = randomOrigin(rng, w, h);
        }
        return origin;
    }

    private int[] randomOrigin(SplittableRandom rng, int w, int h) {
        return new int[] {rng.nextInt(Math.max(w - cropW, 0) + 1), rng.nextInt(Math.max(h - cropH, 0) + 1)};
    }

    private boolean balanced(byte[] labels, int w, int[] origin, int cw, int ch) {
        long[] counts = new long[256];
        for (int y = origin[1]; y < origin[1] + ch; y++) {
            for (int x = origin[0]; x < origin[0] + cw; x++) {
                counts[labels[y * w + x] & 0xFF]++;
            }
        }
        counts[ignore & 0xFF] = 0;
        long max = 0;
        long sum = 0;
        int present = 0;
        for (long c : counts) {
            max = Math.max(max, c);
            sum += c;
            present += c > 0 ? 1 : 0;
        }
        return present > 1 && max < catMaxRatio * sum;
    }

    private double[] photoDraws(SplittableRandom rng) {
        return new double[] {rng.nextInt(2), rng.nextDouble(-32, 32), rng.nextInt(2), rng.nextInt(2),
            rng.nextDouble(0.5, 1.5), rng.nextInt(2), rng.nextDouble(0.5, 1.5), rng.nextInt(2),
            rng.nextInt(-18, 18)};
    }
}
