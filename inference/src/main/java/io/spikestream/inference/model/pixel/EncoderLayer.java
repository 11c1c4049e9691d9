package io.spikestream.inference.model.pixel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;

/**
 * One block of the spike-driven deformable transformer encoder (SDTE), official
 * {@code DCNDetrTransformerEncoderLayer} ({@code transformer/detr_layers.py}), on {@code (B, H, W, C)}:
 *
 * <pre>
 *   q = q + gamma1 * ESC_3(q)        Conv
 *   q = q + gamma2 * SDDA(q)         dcn
 *   q = q + gamma3 * MLP(q)          ffn
 * </pre>
 *
 * <p>The layer scales {@code gamma1..3} are per-channel, initialised to {@value #LAYER_SCALE}.
 */
public final class EncoderLayer extends SpikeBlock implements UnaryBlock {

    /** Initial value of the layer scales. */
    public static final float LAYER_SCALE = 1e-6f;

    private static final int EXPANSION = 2;

    private final Parameter gamma1;
    private final Parameter gamma2;
    private final Parameter gamma3;
    private final SepConvSpike conv;
    private final SpikingDcn dcn;
    private final ChannelMlp ffn;

    /**
     * Creates the layer.
     *
     * @param config uses pixelDim, dcnGroups, dcnKernel, encoderFfn and spikeLevels
     */
    public EncoderLayer(Spike2FormerConfig config) {
        int dim = config.pixelDim();
        int levels = config.spikeLevels();
        gamma1 = scale(1, dim);
        gamma2 = scale(2, dim);
        gamma3 = scale(3, dim);
        conv = addChildBlock("Conv", new SepConvSpike(dim, EXPANSION, 3, levels));
        dcn = addChildBlock("dcn", new SpikingDcn(dim, config.dcnGroups(), config.dcnKernel(), EXPANSION, levels));
        ffn = addChildBlock("ffn", new ChannelMlp(dim, config.encoderFfn(), levels));
    }

    private Parameter scale(int i, int dim) {
        return addParam("gamma" + i, Parameter.Type.WEIGHT, new ConstantInitializer(LAYER_SCALE), new Shape(dim));
    }

    /**
     * Applies the block.
     *
     * @param ctx the pass context
     * @param q tokens {@code (B, H, W, C)}
     * @return {@code (B, H, W, C)}
     */
    @Override
    public NDArray forward(SpikeContext ctx, NDArray q) {
        NDArray y = q.add(ctx.value(gamma1).mul(conv.forward(ctx, q)));
        y = y.add(ctx.value(gamma2).mul(dcn.forward(ctx, y)));
        return y.add(ctx.value(gamma3).mul(ffn.forward(ctx, y)));
    }
}
