package io.spikestream.sink.eval;

import java.util.Arrays;

/**
 * Pixel confusion matrix of a semantic segmentation against ground truth, scored as the Cityscapes benchmark
 * scores it ({@code cityscapesscripts/evaluation/evalPixelLevelSemanticLabeling.py}).
 *
 * <p>Entry {@code (g, p)} counts the pixels with ground truth {@code g} predicted as {@code p}, both trainIds
 * in {@code 0..n-1}. Pixels whose ground truth is the ignore label (or any value {@code >= n}) are skipped.
 * A prediction outside {@code 0..n-1} (e.g. 255, "no class") is counted in an extra column: a false negative
 * of the ground-truth class, a false positive of no class. Per class c:
 * <pre>
 *   TP = M[c][c],  FN = sum_p M[c][p] - TP (incl. the extra column),  FP = sum_g M[g][c] - TP
 *   IoU_c = TP / (TP + FP + FN),  NaN when TP + FP + FN = 0 (c absent from ground truth and prediction)
 *   mIoU  = mean of IoU_c over the classes that are not NaN
 * </pre>
 * Not thread-safe; {@link #merge(ConfusionMatrix)} adds another matrix (per camera into a total).
 */
public final class ConfusionMatrix {

    private final int numClasses;
    private final long[][] counts;
    private long frames;

    /** An empty matrix over trainIds {@code 0..numClasses-1} (19 for Cityscapes). */
    public ConfusionMatrix(int numClasses) {
        if (numClasses < 1 || numClasses > 255) {
            throw new IllegalArgumentException("numClasses must be in 1..255, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.counts = new long[numClasses][numClasses + 1];
    }

    /**
     * Adds one frame.
     *
     * @param gt ground-truth trainIds, one unsigned byte per pixel (255 = ignore)
     * @param pred predicted trainIds, same length and pixel order
     */
    public void add(byte[] gt, byte[] pred) {
        if (gt.length != pred.length) {
            throw new IllegalArgumentException(
                    "ground truth has " + gt.length + " pixels but prediction has " + pred.length);
        }
        for (int i = 0; i < gt.length; i++) {
            int g = gt[i] & 0xFF;
            if (g < numClasses) {
                int p = pred[i] & 0xFF;
                counts[g][p < numClasses ? p : numClasses]++;
            }
        }
        frames++;
    }

    /** Adds every count of {@code other} (same class count) to this matrix. */
    public void merge(ConfusionMatrix other) {
        if (other.numClasses != numClasses) {
            throw new IllegalArgumentException(
                    "cannot merge " + other.numClasses + " classes into " + numClasses);
        }
        for (int g = 0; g < numClasses; g++) {
            for (int p = 0; p <= numClasses; p++) {
                counts[g][p] += other.counts[g][p];
            }
        }
        frames += other.frames;
    }

    /** Per-class IoU indexed by trainId; NaN for classes absent from both ground truth and prediction. */
    public double[] iou() {
        double[] iou = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            long tp = counts[c][c];
            long denominator = tp + falsePositives(c) + falseNegatives(c);
            iou[c] = denominator == 0 ? Double.NaN : (double) tp / denominator;
        }
        return iou;
    }

    /** Mean of the non-NaN class IoUs; NaN when no class occurred at all. */
    public double meanIoU() {
        return Arrays.stream(iou()).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    /** Fraction of evaluated pixels (ground truth != ignore) predicted correctly; NaN without pixels. */
    public double pixelAccuracy() {
        long correct = 0;
        for (int c = 0; c < numClasses; c++) {
            correct += counts[c][c];
        }
        long total = pixels();
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** Number of evaluated pixels (ground truth != ignore). */
    public long pixels() {
        long total = 0;
        for (long[] row : counts) {
            for (long v : row) {
                total += v;
            }
        }
        return total;
    }

    /** Number of frames added (directly or through {@link #merge}). */
    public long frames() {
        return frames;
    }

    /** Number of classes n. */
    public int numClasses() {
        return numClasses;
    }

    /** Copy of the counts, {@code [gt][pred]}, {@code n x (n+1)}; column n holds predictions outside 0..n-1. */
    public long[][] counts() {
        long[][] copy = new long[numClasses][];
        for (int g = 0; g < numClasses; g++) {
            copy[g] = counts[g].clone();
        }
        return copy;
    }

    /** A deep copy. */
    public ConfusionMatrix copy() {
        ConfusionMatrix copy = new ConfusionMatrix(numClasses);
        copy.merge(this);
        return copy;
    }

    private long falsePositives(int c) {
        long fp = 0;
        for (int g = 0; g < numClasses; g++) {
            fp += g == c ? 0 : counts[g][c];
        }
        return fp;
    }

    private long falseNegatives(int c) {
        long fn = 0;
        for (int p = 0; p <= numClasses; p++) {
            fn += p == c ? 0 : counts[c][p];
        }
        return fn;
    }
}
