package io.spikestream.inference.model.nn;

import ai.djl.nn.Block;

/**
 * Folds every inference-mode BatchNorm that directly follows a convolution into that convolution's weights and
 * bias, once, after the weights are loaded: {@code BN(W x + b) = (s W) x + (s b + t)} with
 * {@code s = gamma / sqrt(var + eps)} and {@code t = beta - mean s}. A folded BatchNorm passes its input through
 * and refuses training. The blocks that own such pairs say which they are ({@link FoldsBatchNorm}); the tree is
 * walked children first, so a pair whose convolution is itself followed by a folded BatchNorm (a sequence ending
 * in conv, BN, then another BN) folds both.
 */
public final class BatchNormFolding {

    private BatchNormFolding() {}

    /**
     * Folds the BatchNorms of a block tree.
     *
     * @param root the model or any block
     * @return how many BatchNorms were folded
     */
    public static int fold(Block root) {
        int folded = 0;
        for (Block child : root.getChildren().values()) {
            folded += fold(child);
        }
        if (root instanceof FoldsBatchNorm owner) {
            folded += owner.foldBatchNorms();
        }
        return folded;
    }

    /** A block that owns convolution-BatchNorm pairs. */
    public interface FoldsBatchNorm {

        /**
         * Folds each of its pairs ({@link BatchNormLayer#foldInto}).
         *
         * @return how many were folded
         */
        int foldBatchNorms();
    }
}
