package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;

/**
 * The counterpart of {@code nn.Sequential}: children named {@code 0, 1, ...} applied in order, so
 * parameter paths read {@code q_conv.0.weight}, {@code q_conv.1.running_mean} as in PyTorch.
 */
public final class Sequence extends SpikeBlock implements UnaryBlock, AffineFoldable, BatchNormFolding.FoldsBatchNorm {

    private final List<UnaryBlock> steps = new ArrayList<>();

    /**
     * Creates the sequence.
     *
     * @param blocks the steps; each must be a {@link SpikeBlock} implementing {@link UnaryBlock}
     */
    public Sequence(UnaryBlock... blocks) {
        for (UnaryBlock b : blocks) {
            addChildBlock(String.valueOf(steps.size()), (Block) b);
            steps.add(b);
        }
    }

    /**
     * Returns step {@code i}.
     *
     * @param i index
     * @return the step
     */
    public UnaryBlock step(int i) {
        return steps.get(i);
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        NDArray y = x;
        for (UnaryBlock step : steps) {
            y = step.forward(ctx, y);
        }
        return y;
    }

    /** Folds each BatchNorm step into the step before it. */
    @Override
    public int foldBatchNorms() {
        int folded = 0;
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i) instanceof BatchNormLayer bn && steps.get(i - 1) instanceof AffineFoldable producer) {
                folded += bn.foldInto(producer);
            }
        }
        return folded;
    }

    /** Folds into the last step that is not a folded BatchNorm, when that step can absorb it. */
    @Override
    public boolean foldAffine(NDArray scale, NDArray shift) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            UnaryBlock step = steps.get(i);
            if (!(step instanceof BatchNormLayer bn && bn.isFolded())) {
                return step instanceof AffineFoldable producer && producer.foldAffine(scale, shift);
            }
        }
        return false;
    }
}
