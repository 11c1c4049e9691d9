package io.spikestream.vision;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * A semantic-segmentation confusion matrix over {@code K} classes with an ignore label, as the Cityscapes
 * benchmark ({@code cityscapesScripts evalPixelLevelSemanticLabeling}) accumulates it.
 *
 * <pre>
 *   counts[g][p] = number of pixels with ground truth g and prediction p     (g != ignore)
 *   IoU_k  = TP_k / (TP_k + FP_k + FN_k)       TP = counts[k][k], FP = sum_g!=k counts[g][k], FN = sum_p!=k counts[k][p]
 *   mIoU   = mean of IoU_k over the classes whose IoU is defined
 * </pre>
 *
 * <p>As in cityscapesScripts' {@code getIouScoreForLabel}, IoU is NaN (and left out of the mean) only when
 * {@code TP + FP + FN = 0}: a class absent from the ground truth but predicted somewhere scores 0, not NaN
 * (mmseg's {@code IoUMetric} does the same, NaN only for an empty union).
 *
 * <p>Pixels whose ground truth is the ignore label are skipped. Predictions outside {@code 0..K-1} (for
 * example the ignore label) count as false negatives of the ground-truth class and as nobody's false
 * positive, as in cityscapesScripts, where such pixels land in a label that is not evaluated. Not thread-safe;
 * combine per-thread matrices with {@link #merge}.
 */
public final class ConfusionMatrix {

    private final int classes;
    private final int ignore;
    private final long[][] counts;
    private final long[] missed;
    private long frames;

    /**
     * Creates an empty matrix.
     *
     * @param classes K, the number of evaluated classes (1..255)
     * @param ignoreLabel ground-truth label to skip, e.g. 255
     */
    public ConfusionMatrix(int classes, int ignoreLabel) {
        if (classes < 1 || classes > 255) {
            throw new IllegalArgumentException("classes must be in 1..255, got " + classes);
        }
        this.classes = classes;
        this.ignore = ignoreLabel;
        this.counts = new long[classes][classes];
        this.missed = new long[classes];
    }

    /**
     * A matrix for {@code classes} classes with the Cityscapes ignore label 255.
     *
     * @param classes number of classes
     */
    public ConfusionMatrix(int classes) {
        this(classes, 255);
    }

    /** Number of evaluated classes. */
    public int classes() {
        return classes;
    }

    /**
     * Adds one image.
     *
     * @param gt ground-truth labels, unsigned bytes, row-major
     * @param pred predicted labels, same length
     * @return this matrix
     * @throws IllegalArgumentException when the lengths differ or a ground-truth label is neither a class
     *     nor the ignore label
     */
    public ConfusionMatrix add(byte[] gt, byte[] pred) {
        if (gt.length != pred.length) {
            throw new IllegalArgumentException("ground truth has " + gt.length + " pixels, prediction " + pred.length);
        }
        for (int i = 0; i < gt.length; i++) {
            int g = gt[i] & 0xFF;
            if (g == ignore) {
                continue;
            }
            if (g >= classes) {
                throw new IllegalArgumentException("ground-truth label " + g + " at pixel " + i
                        + " is neither a class (0.." + (classes - 1) + ") nor the ignore label " + ignore);
            }
            int p = pred[i] & 0xFF;
            if (p < classes) {
                counts[g][p]++;
            } else {
                missed[g]++;
            }
        }
        frames++;
        return this;
    }

    /**
     * Adds another matrix's counts.
     *
     * @param other a matrix over the same classes
     * @return this matrix
     */
    public ConfusionMatrix merge(ConfusionMatrix other) {
        if (other.classes != classes) {
            throw new IllegalArgumentException("cannot merge " + other.classes + " classes into " + classes);
        }
        frames += other.frames;
        for (int g = 0; g < classes; g++) {
            missed[g] += other.missed[g];
            for (int p = 0; p < classes; p++) {
                counts[g][p] += other.counts[g][p];
            }
        }
        return this;
    }

    /** @return pixels with ground truth {@code g} predicted as {@code p} */
    public long count(int g, int p) {
        return counts[g][p];
    }

    /** @return pixels of class {@code k} in the ground truth (ignored pixels excluded) */
    public long groundTruthPixels(int k) {
        long n = missed[k];
        for (int p = 0; p < classes; p++) {
            n += counts[k][p];
        }
        return n;
    }

    /** Number of {@link #add} calls (frames) this matrix holds, merges included. */
    public long frames() {
        return frames;
    }

    /** Pixels evaluated (ground truth other than the ignore label). */
    public long pixels() {
        long n = 0;
        for (int k = 0; k < classes; k++) {
            n += groundTruthPixels(k);
        }
        return n;
    }

    /**
     * The counts as a table: row = ground truth, column = prediction, plus a last column for predictions
     * outside the classes (e.g. 255).
     *
     * @return a copy, {@code classes x (classes + 1)}
     */
    public long[][] counts() {
        long[][] table = new long[classes][classes + 1];
        for (int g = 0; g < classes; g++) {
            System.arraycopy(counts[g], 0, table[g], 0, classes);
            table[g][classes] = missed[g];
        }
        return table;
    }

    /**
     * A matrix of {@code frames} frames holding the counts of a {@link #counts()} table.
     *
     * @param table {@code K x (K + 1)} counts, last column = predictions outside the classes
     * @param frames number of frames the counts are from
     * @param ignoreLabel ground-truth label that was skipped
     * @return the matrix
     * @throws IllegalArgumentException when the table is not {@code K x (K + 1)} or holds a negative count
     */
    public static ConfusionMatrix ofCounts(long[][] table, long frames, int ignoreLabel) {
        ConfusionMatrix m = new ConfusionMatrix(table.length, ignoreLabel);
        for (int g = 0; g < table.length; g++) {
            if (table[g].length != table.length + 1) {
                throw new IllegalArgumentException("row " + g + " has " + table[g].length + " counts, expected "
                        + (table.length + 1));
            }
            for (int p = 0; p <= table.length; p++) {
                if (table[g][p] < 0) {
                    throw new IllegalArgumentException("negative count at (" + g + ", " + p + ")");
                }
            }
            System.arraycopy(table[g], 0, m.counts[g], 0, table.length);
            m.missed[g] = table[g][table.length];
        }
        m.frames = frames;
        return m;
    }

    /** An independent copy. */
    public ConfusionMatrix copy() {
        return new ConfusionMatrix(classes, ignore).merge(this);
    }

    /** @return per-class IoU; NaN for classes neither in the ground truth nor predicted */
    public double[] iou() {
        double[] iou = new double[classes];
        for (int k = 0; k < classes; k++) {
            long fn = groundTruthPixels(k) - counts[k][k];
            long fp = 0;
            for (int g = 0; g < classes; g++) {
                fp += g == k ? 0 : counts[g][k];
            }
            long denominator = counts[k][k] + fp + fn;
            iou[k] = denominator == 0 ? Double.NaN : counts[k][k] / (double) denominator;
        }
        return iou;
    }

    /** @return mean IoU over the classes with a defined IoU; NaN when there is none */
    public double meanIoU() {
        double sum = 0;
        int n = 0;
        for (double v : iou()) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** @return correctly labelled pixels over all non-ignored pixels; NaN when there are none */
    public double pixelAccuracy() {
        long correct = 0;
        long total = 0;
        for (int k = 0; k < classes; k++) {
            correct += counts[k][k];
            total += groundTruthPixels(k);
        }
        return total == 0 ? Double.NaN : correct / (double) total;
    }

    /**
     * A text table: one row per class with its IoU (or {@code nan}) and ground-truth pixels, then mIoU and pixel
     * accuracy.
     *
     * @param names class name of each index, e.g. {@code Cityscapes::name}
     * @return the table
     */
    public String table(IntFunction<String> names) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %8s %12s%n", "class", "IoU", "gt pixels"));
        double[] iou = iou();
        for (int k = 0; k < classes; k++) {
            String v = Double.isNaN(iou[k]) ? "nan" : String.format(Locale.ROOT, "%.4f", iou[k]);
            sb.append(String.format(Locale.ROOT, "%-16s %8s %12d%n", names.apply(k), v, groundTruthPixels(k)));
        }
        sb.append(String.format(Locale.ROOT, "%-16s %8.4f%n", "mIoU", meanIoU()));
        sb.append(String.format(Locale.ROOT, "%-16s %8.4f%n", "pixel acc", pixelAccuracy()));
        return sb.toString();
    }
}
