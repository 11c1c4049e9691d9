package io.spikestream.inference.model.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.MembraneState;

/**
 * Everything one forward pass needs besides its inputs: parameters, the training flag, the device,
 * the membrane potentials carried in from the previous frame and collected for the next one, and the
 * optional operation accounting.
 *
 * <p>Neurons take their carried potential in call order: the n-th neuron call of a pass reads slot n
 * of the incoming {@link MembraneState} and writes slot n of the outgoing one. A context serves one
 * forward pass and is not thread-safe.
 */
public final class SpikeContext {

    private final ParameterStore store;
    private final boolean training;
    private final Device device;
    private final MembraneState carriedIn;
    private final NDList carriedOut;
    private final OpAccounting accounting;
    private int nextNeuron;

    private SpikeContext(Builder b) {
        this.store = b.store;
        this.training = b.training;
        this.device = b.device;
        this.carriedIn = b.carriedIn;
        this.carriedOut = b.captureState ? new NDList() : null;
        this.accounting = b.accounting;
    }

    /**
     * Starts a context.
     *
     * @param store the parameter store of the model
     * @param device the device of the inputs; parameters are fetched onto it
     * @return a builder
     */
    public static Builder builder(ParameterStore store, Device device) {
        return new Builder(store, device);
    }

    /** Whether this pass records gradients and uses batch statistics. */
    public boolean isTraining() {
        return training;
    }

    /** The device every tensor of this pass lives on. */
    public Device device() {
        return device;
    }

    /**
     * Returns the value of a parameter on this pass's device.
     *
     * @param parameter the parameter
     * @return its array (a copy on another device when needed)
     */
    public NDArray value(Parameter parameter) {
        return store.getValue(parameter, device, training);
    }

    /**
     * Hands the next neuron its carried potential.
     *
     * @param inputShape shape of the neuron's input current
     * @return the carried potential, or null for a fresh (zero) potential
     * @throws IllegalArgumentException when the carried state does not fit this model or input size
     */
    NDArray takePotential(Shape inputShape) {
        int slot = nextNeuron++;
        if (carriedIn == null) {
            return null;
        }
        if (slot >= carriedIn.neuronCount()) {
            throw new IllegalArgumentException("Membrane state has " + carriedIn.neuronCount()
                    + " neuron slots but the model calls more neurons: it was taken from another model");
        }
        NDArray v = carriedIn.potential(slot);
        if (!v.getShape().equals(inputShape)) {
            throw new IllegalArgumentException("Membrane state slot " + slot + " has shape " + v.getShape()
                    + " but the neuron input is " + inputShape
                    + ": the state was taken at another input size or batch; start from a fresh state");
        }
        return v;
    }

    /** Stores the potential a neuron keeps after firing, when this pass captures state. */
    void keepPotential(NDArray residual) {
        if (carriedOut != null) {
            carriedOut.add(residual);
        }
    }

    /** Whether neurons must compute their residual potential. */
    boolean capturesState() {
        return carriedOut != null;
    }

    /**
     * Records a synaptic operation when accounting is on.
     *
     * @param path the layer's parameter path
     * @param macs multiply-accumulates of the operation for this pass
     * @param input the operation's input; its mean gives the firing rate of a spiking input
     * @param spikingInput whether the input is a neuron output (accumulate-only) or real-valued (MAC)
     */
    public void account(String path, long macs, NDArray input, boolean spikingInput) {
        if (accounting != null) {
            accounting.record(path, macs, input, spikingInput, 1f);
        }
    }

    /**
     * Records a synaptic operation whose input is spikes multiplied by {@code spikeScale} (the head's
     * alpha), so the firing rate is the input mean divided by that factor.
     *
     * @param path the layer's parameter path
     * @param macs multiply-accumulates of the operation for this pass
     * @param scaledSpikes the input, {@code spikeScale * s}
     * @param spikeScale the factor
     */
    public void accountScaled(String path, long macs, NDArray scaledSpikes, float spikeScale) {
        if (accounting != null) {
            accounting.record(path, macs, scaledSpikes, true, spikeScale);
        }
    }

    /** Records the firing of one neuron call when accounting is on. */
    void accountFiring(String path, NDArray counts) {
        if (accounting != null) {
            accounting.recordFiring(path, counts);
        }
    }

    /** Whether operation accounting is on for this pass. */
    public boolean isAccounting() {
        return accounting != null;
    }

    /** Multiply-accumulates accounted so far in this pass (0 when accounting is off). */
    public long accountedMacs() {
        return accounting == null ? 0 : accounting.totalMacs();
    }

    /** Number of neuron calls so far. */
    public int neuronCalls() {
        return nextNeuron;
    }

    /**
     * Finishes the pass.
     *
     * @return the potentials to carry into the next pass, or null when the pass did not capture them
     * @throws IllegalArgumentException when a carried-in state had more slots than neurons were called
     */
    public MembraneState finish() {
        if (carriedIn != null && nextNeuron != carriedIn.neuronCount()) {
            throw new IllegalArgumentException("Membrane state has " + carriedIn.neuronCount()
                    + " slots but the model called " + nextNeuron + " neurons: it was taken from another model");
        }
        return carriedOut == null ? null : new MembraneState(carriedOut);
    }

    /** Builder of a {@link SpikeContext}. */
    public static final class Builder {
        private final ParameterStore store;
        private final Device device;
        private boolean training;
        private MembraneState carriedIn;
        private boolean captureState;
        private OpAccounting accounting;

        private Builder(ParameterStore store, Device device) {
            this.store = store;
            this.device = device;
        }

        public Builder optTraining(boolean v) { training = v; return this; }
        public Builder optState(MembraneState v) { carriedIn = v; return this; }
        public Builder optCaptureState(boolean v) { captureState = v; return this; }
        public Builder optAccounting(OpAccounting v) { accounting = v; return this; }

        public SpikeContext build() {
            return new SpikeContext(this);
        }
    }
}
