package io.spikestream.inference.model.backbone;

import ai.djl.ndarray.NDArray;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;

/**
 * {@code MS_Block}, the spiking transformer block with membrane shortcuts:
 * {@code x' = x + Attn(x)}, {@code y = x' + MLP(x')}.
 *
 * <p>Children: {@code attn} ({@link MsAttention}), {@code mlp} ({@link MsMlp}, hidden {@code r * C}).
 * The official {@code drop_path} is an identity (rate 0) without parameters and is omitted.
 * Input and output {@code (B, C, H, W)}, real-valued.
 */
public final class MsBlock extends SpikeBlock implements UnaryBlock {

    private final MsAttention attn;
    private final MsMlp mlp;

    /**
     * Creates the block.
     *
     * @param dim channels C
     * @param heads attention heads
     * @param mlpRatio MLP expansion r
     * @param levels D of the neurons
     */
    public MsBlock(int dim, int heads, int mlpRatio, int levels) {
        attn = addChildBlock("attn", new MsAttention(dim, heads, levels));
        mlp = addChildBlock("mlp", new MsMlp(dim, dim * mlpRatio, levels));
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        NDArray y = x.add(attn.forward(ctx, x));
        return y.add(mlp.forward(ctx, y));
    }
}
