package io.spikestream.inference.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.nn.BatchNormFolding;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.Conv1dLayer;
import io.spikestream.inference.model.nn.NiLif;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;

/**
 * The decoder FFN, official {@code MSDA_FFN}, with its reshape quirk.
 *
 * <pre>
 *   h   = BN1(Conv1d_{C->F}(reshape(SN(x), (B, C, N))))      (B, F, N)
 *   out = reshape(BN2(Conv1d_{F->C}(SN(h))), (B, N, C))
 * </pre>
 *
 * <p><b>Quirk:</b> both reshapes are row-major reinterpretations, not transposes, so the "channel MLP"
 * mixes queries and channels; the trained weights depend on it. The residual is added by the layer.
 */
public final class SpikeFfn extends SpikeBlock implements BatchNormFolding.FoldsBatchNorm {

    private final NiLif fc1Spike;
    private final Conv1dLayer fc1;
    private final BatchNormLayer bn1;
    private final NiLif fc2Spike;
    private final Conv1dLayer fc2;
    private final BatchNormLayer bn2;

    /**
     * Creates the FFN.
     *
     * @param dim embedding width C
     * @param hidden hidden width F
     * @param levels D of the neurons
     */
    public SpikeFfn(int dim, int hidden, int levels) {
        fc1Spike = addChildBlock("fc1_spike", new NiLif(levels));
        fc1 = addChildBlock("fc1", new Conv1dLayer(dim, hidden, true, true));
        bn1 = addChildBlock("bn1", new BatchNormLayer(hidden));
        fc2Spike = addChildBlock("fc2_spike", new NiLif(levels));
        fc2 = addChildBlock("fc2", new Conv1dLayer(hidden, dim, true, true));
        bn2 = addChildBlock("bn2", new BatchNormLayer(dim));
    }

    /**
     * Applies the FFN.
     *
     * @param ctx the pass context
     * @param x {@code (B, N, C)}
     * @return {@code (B, N, C)}, without the residual
     */
    public NDArray forward(SpikeContext ctx, NDArray x) {
        Shape s = x.getShape();
        NDArray quirk = fc1Spike.fire(ctx, x).reshape(s.get(0), s.get(2), s.get(1));
        NDArray hidden = bn1.forward(ctx, fc1.forward(ctx, quirk));
        NDArray out = bn2.forward(ctx, fc2.forward(ctx, fc2Spike.fire(ctx, hidden)));
        return out.reshape(s);
    }

    @Override
    public int foldBatchNorms() {
        return bn1.foldInto(fc1) + bn2.foldInto(fc2);
    }
}
