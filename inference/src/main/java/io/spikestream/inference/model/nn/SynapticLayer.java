package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * A layer with weights that multiply its input (convolution, linear map): it reports its
 * multiply-accumulates and the firing rate of its input to the pass's accounting.
 *
 * @param <T> the concrete layer type, returned by the fluent setter
 */
public abstract class SynapticLayer<T extends SynapticLayer<T>> extends SpikeBlock implements UnaryBlock, Named {

    private final boolean spikingInput;
    private float spikeScale = 1f;
    private String path;

    /**
     * Creates the layer.
     *
     * @param spikingInput whether the input is a spike tensor (accumulate-only) or real-valued (MAC)
     * @param defaultPath the name reported before {@link #setPath} is called
     */
    protected SynapticLayer(boolean spikingInput, String defaultPath) {
        this.spikingInput = spikingInput;
        this.path = defaultPath;
    }

    /**
     * Declares that the input is spikes multiplied by {@code scale} (the head's alpha), so accounting
     * reports the true firing rate.
     *
     * @param scale the factor
     * @return this layer
     */
    @SuppressWarnings("unchecked")
    public T scaledSpikes(float scale) {
        this.spikeScale = scale;
        return (T) this;
    }

    @Override
    public void setPath(String path) {
        this.path = path;
    }

    /**
     * Records this layer's work when the pass accounts operations.
     *
     * @param ctx the pass context
     * @param macs multiply-accumulates of this call
     * @param input the layer's input
     */
    protected final void account(SpikeContext ctx, long macs, NDArray input) {
        if (!ctx.isAccounting()) {
            return;
        }
        if (spikingInput) {
            ctx.accountScaled(path, macs, input, spikeScale);
        } else {
            ctx.account(path, macs, input, false);
        }
    }
}
