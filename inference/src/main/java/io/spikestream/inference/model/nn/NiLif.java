package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * The normalised integer LIF neuron (NI-LIF) as the released code implements it ({@code Q_IFNode}
 * with the {@code quant} surrogate): integrate-and-fire without leak and with soft reset,
 *
 * <pre>
 *   v  = v_prev + x                    (v_prev = 0 for a fresh state)
 *   s  = round(clip(v, 0, D))          (round half to even, as torch.round)
 *   v' = v - s                         (threshold 1)
 *   out = s / D
 * </pre>
 *
 * <p>The gradient is straight-through inside [0, D] and zero outside, as the code's surrogate.
 * The neuron has no parameters; its carried potential {@code v'} is data, handed in and out through
 * the {@link SpikeContext}.
 */
public final class NiLif extends SpikeBlock implements UnaryBlock, Named {

    private final int levels;
    private String path = "neuron";

    /**
     * Creates a neuron.
     *
     * @param levels D, the largest integer spike
     */
    public NiLif(int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("NI-LIF needs D >= 1, got " + levels);
        }
        this.levels = levels;
    }

    /** D, the largest integer spike. */
    public int levels() {
        return levels;
    }

    @Override
    public void setPath(String path) {
        this.path = path;
    }

    /** The name under which firing is reported. */
    public String path() {
        return path;
    }

    /**
     * Fires once.
     *
     * @param ctx the pass context (state in and out, training flag)
     * @param x input current, batch first
     * @return spikes in {0, 1/D, ..., 1}, same shape as {@code x}
     */
    public NDArray fire(SpikeContext ctx, NDArray x) {
        NDArray carried = ctx.takePotential(x.getShape());
        NDArray v = carried == null ? x : carried.add(x);
        NDArray counts = quantize(v, levels, ctx.isTraining());
        if (ctx.capturesState()) {
            ctx.keepPotential(v.sub(counts));
        }
        ctx.accountFiring(path, counts);
        // counts is a fresh array: dividing in place saves an allocation, except when autograd records it
        return ctx.isTraining() ? Scalars.div(counts, levels) : counts.divi(levels);
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        return fire(ctx, x);
    }

    /**
     * round(clip(v, 0, D)) with a straight-through gradient when training.
     *
     * @param v membrane potential
     * @param levels D
     * @param training whether to keep the straight-through gradient path
     * @return integer counts as floats
     */
    public static NDArray quantize(NDArray v, int levels, boolean training) {
        NDArray clipped = v.clip(0, levels);
        if (!training) {
            return clipped.round();
        }
        return clipped.add(clipped.round().sub(clipped).stopGradient());
    }
}
