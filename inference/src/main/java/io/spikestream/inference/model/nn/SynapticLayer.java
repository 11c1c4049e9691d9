package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.Arrays;

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
    private NDArray foldedBias;

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

    /**
     * Folds {@code y -> scale * y + shift} into a weight whose axis 0 is the output channel and into the bias (or
     * into a bias this layer keeps for that purpose when it was built without one). In place: for inference only.
     *
     * @param weight the weight parameter, output channels first
     * @param bias the bias parameter, or null
     * @param scale {@code (out)}
     * @param shift {@code (out)}
     */
    protected final void foldInto(Parameter weight, Parameter bias, NDArray scale, NDArray shift) {
        NDArray w = weight.getArray();
        long[] perChannel = new long[w.getShape().dimension()];
        Arrays.fill(perChannel, 1);
        perChannel[0] = -1;
        w.muli(scale.reshape(perChannel));
        NDArray b = bias != null ? bias.getArray() : foldedBias;
        if (b != null) {
            b.muli(scale).addi(shift);
        } else {
            foldedBias = shift.duplicate();
            foldedBias.attach(w.getManager());
            NDScope.unregister(foldedBias);
        }
    }

    /**
     * The bias to add: the parameter's value, or the one folding gave a layer built without bias, or null.
     *
     * @param ctx the pass context
     * @param bias the bias parameter, or null
     * @return the bias or null
     */
    protected final NDArray bias(SpikeContext ctx, Parameter bias) {
        return bias != null ? ctx.value(bias) : foldedBias;
    }
}
