package io.spikestream.training.eval;

import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.ConfusionMatrix;

/**
 * The outcome of an evaluation.
 *
 * @param matrix the accumulated confusion matrix
 * @param images number of images evaluated
 * @param seconds wall time
 */
public record EvalResult(ConfusionMatrix matrix, int images, double seconds) {

    /** @return mIoU in [0, 1] */
    public double meanIoU() {
        return matrix.meanIoU();
    }

    /** @return the per-class table with Cityscapes class names */
    public String table() {
        return matrix.table(Cityscapes::name);
    }
}
