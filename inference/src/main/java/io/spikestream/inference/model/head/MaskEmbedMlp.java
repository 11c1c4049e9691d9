package io.spikestream.inference.model.head;

import ai.djl.ndarray.NDArray;
import io.spikestream.inference.model.nn.LinearLayer;
import io.spikestream.inference.model.nn.NiLif;
import io.spikestream.inference.model.nn.Scalars;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;

/**
 * The mask-embedding MLP of the SDME head, official {@code SNN_core.MLP} with {@code quant_const = alpha}:
 *
 * <pre>
 *   out = fc_out(alpha SN(fc2(alpha SN(fc1(x)))))      fc1, fc2 without bias
 * </pre>
 */
public final class MaskEmbedMlp extends SpikeBlock implements UnaryBlock {

    private final float alpha;
    private final LinearLayer fc1;
    private final NiLif spike1;
    private final LinearLayer fc2;
    private final NiLif spike2;
    private final LinearLayer fcOut;

    /**
     * Creates the MLP.
     *
     * @param dim input and hidden width
     * @param out output width
     * @param alpha factor applied to the spikes
     * @param levels D of the neurons
     */
    public MaskEmbedMlp(int dim, int out, float alpha, int levels) {
        this.alpha = alpha;
        fc1 = addChildBlock("fc1", new LinearLayer(dim, dim, false, true).scaledSpikes(alpha));
        spike1 = addChildBlock("spike1", new NiLif(levels));
        fc2 = addChildBlock("fc2", new LinearLayer(dim, dim, false, true).scaledSpikes(alpha));
        spike2 = addChildBlock("spike2", new NiLif(levels));
        fcOut = addChildBlock("fc_out", new LinearLayer(dim, out, true, true).scaledSpikes(alpha));
    }

    /**
     * Applies the MLP to the last axis.
     *
     * @param ctx the pass context
     * @param x {@code (..., dim)}, alpha-scaled spikes
     * @return {@code (..., out)}
     */
    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        NDArray h = Scalars.mul(spike1.fire(ctx, fc1.forward(ctx, x)), alpha);
        h = Scalars.mul(spike2.fire(ctx, fc2.forward(ctx, h)), alpha);
        return fcOut.forward(ctx, h);
    }
}
