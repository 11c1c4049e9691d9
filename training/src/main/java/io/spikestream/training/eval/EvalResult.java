package io.spikestream.training.eval;

import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.ConfusionMatrix;

/**
 * The outcome of an evaluation.
 *
 * @param matrix the accumulated confusion matrix
 * @param images number of images evaluated
 * @param seconds wall time
 * @param meanRecomputed mean share of a full pass's work done per image (1 when every image is a full pass)
 */
public record EvalResult(ConfusionMatrix matrix, int images, double seconds, double meanRecomputed) {

    /** @return mIoU in [0, 1] */
    public double meanIoU() {
        return matrix.meanIoU();
    }

    /** @return the per-class table with Cityscapes class names */
    public String table() {
        return matrix.table(Cityscapes::name);
    }
}
