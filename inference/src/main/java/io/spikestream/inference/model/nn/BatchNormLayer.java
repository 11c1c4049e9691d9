package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.ConstantInitializer;

/**
 * {@code nn.BatchNorm1d/2d} over axis 1 with PyTorch's parameter names ({@code weight}, {@code bias},
 * {@code running_mean}, {@code running_var}), eps 1e-5 and PyTorch momentum 0.1. In inference it uses
 * the running statistics; in training the batch statistics, updating the running ones.
 */
public final class BatchNormLayer extends SpikeBlock implements UnaryBlock {

    /** PyTorch's default epsilon. */
    public static final float EPS = 1e-5f;

    /**
     * Initial shift of the BatchNorms in front of the query, key and value neurons of spiking attention. The
     * attention {@code SN(Q K^T V scale)} multiplies three sparse spike tensors; from a zero-mean current
     * (mean spike value ~0.05) their product stays below the rounding threshold 1/2 and the attention neuron
     * is silent at initialisation. A shift of 1 raises the mean spike to ~0.13, enough for the attention to
     * fire at training crops (docs/training.md). Inference of loaded weights is unaffected.
     */
    public static final float ATTENTION_SHIFT_INIT = 1f;

    /** DJL's momentum is PyTorch's complement: PyTorch 0.1 is DJL 0.9. */
    private static final float DJL_MOMENTUM = 0.9f;

    private final int channels;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private boolean folded;

    /**
     * Creates the layer.
     *
     * @param channels size of axis 1
     */
    public BatchNormLayer(int channels) {
        this(channels, 0f);
    }

    /**
     * Creates the layer with its shift {@code bias} initialised to a constant instead of 0 (scale 1, as
     * PyTorch). Used before neurons that must fire at initialisation: {@code SN(BN(x))} then starts from a
     * current with mean {@code initialShift} instead of 0. Loaded weights overwrite it.
     *
     * @param channels size of axis 1
     * @param initialShift initial value of every {@code bias} entry
     */
    public BatchNormLayer(int channels, float initialShift) {
        if (channels <= 0) {
            throw new IllegalArgumentException("BatchNorm channels must be positive, got " + channels);
        }
        this.channels = channels;
        Shape shape = new Shape(channels);
        this.gamma = addParam("weight", Parameter.Type.GAMMA, null, shape);
        this.beta = addParam("bias", Parameter.Type.BETA,
                initialShift == 0f ? null : new ConstantInitializer(initialShift), shape);
        this.runningMean = addParam("running_mean", Parameter.Type.RUNNING_MEAN, null, shape);
        this.runningVar = addParam("running_var", Parameter.Type.RUNNING_VAR, null, shape);
    }

    /** Size of axis 1. */
    public int channels() {
        return channels;
    }

    /**
     * Normalises.
     *
     * @param ctx the pass context
     * @param x input {@code (B, C, ...)}
     * @return normalised input, same shape
     */
    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        if (folded) {
            if (ctx.isTraining()) {
                throw new IllegalStateException("This BatchNorm was folded into its convolution for inference and"
                        + " cannot train; load the weights into a new model to train");
            }
            return x;
        }
        return BatchNorm.batchNorm(x, ctx.value(runningMean), ctx.value(runningVar), ctx.value(gamma),
                ctx.value(beta), 1, DJL_MOMENTUM, EPS, ctx.isTraining()).singletonOrThrow();
    }

    /**
     * The per-channel affine map this layer applies in inference, {@code y = scale * x + shift}.
     *
     * @param ctx the pass context
     * @return scale and shift, each {@code (C)}
     */
    public NDArray[] inferenceAffine(SpikeContext ctx) {
        return affine(ctx.value(gamma), ctx.value(beta), ctx.value(runningMean), ctx.value(runningVar));
    }

    private static NDArray[] affine(NDArray gamma, NDArray beta, NDArray mean, NDArray var) {
        NDArray scale = gamma.div(var.add(EPS).sqrt());
        NDArray shift = beta.sub(mean.mul(scale));
        return new NDArray[] {scale, shift};
    }

    /**
     * Folds this layer's inference map into the layer it follows ({@link BatchNormFolding}); from now on this
     * layer passes its input through.
     *
     * @param producer the layer whose output this one normalises
     * @return 1 when folded, 0 when the producer cannot absorb it or this layer was folded already
     */
    public int foldInto(AffineFoldable producer) {
        if (folded) {
            return 0;
        }
        try (NDScope temporaries = new NDScope()) {
            NDArray[] map = affine(gamma.getArray(), beta.getArray(), runningMean.getArray(), runningVar.getArray());
            folded = producer.foldAffine(map[0], map[1]);
        }
        return folded ? 1 : 0;
    }

    /** Whether this layer was folded into the layer before it. */
    public boolean isFolded() {
        return folded;
    }
}
