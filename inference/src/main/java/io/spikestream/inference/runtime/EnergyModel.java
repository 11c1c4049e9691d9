package io.spikestream.inference.runtime;

import io.spikestream.inference.model.nn.OpAccounting;

/**
 * The paper's theoretical energy estimate (Spike2Former appendix, after Yao et al.): 45 nm, 32-bit
 * float costs. A layer with real-valued input (the stem convolution on the image) costs
 * {@code MACs * E_MAC}; a layer fed by spikes costs {@code T * D * R * MACs * E_AC}, with R the mean
 * normalised firing rate of its input, so {@code D * R} is the mean integer spike count.
 */
public final class EnergyModel {

    /** Energy of one multiply-accumulate, in picojoules. */
    public static final double E_MAC_PJ = 4.6;

    /** Energy of one accumulate, in picojoules. */
    public static final double E_AC_PJ = 0.9;

    private final int timeSteps;
    private final int spikeLevels;


    /**
     * Creates the model for T time steps of D spike levels.
     *
     * @param timeSteps T (1 for this implementation; the paper's 1xD setting)
     * @param spikeLevels D
     */
    public EnergyModel(int timeSteps, int spikeLevels) {
        if (timeSteps < 1 || spikeLevels < 1) {
            throw new IllegalArgumentException("T and D must be at least 1");
        }
        this.timeSteps = timeSteps;
        this.spikeLevels = spikeLevels;
    }

    /** D, the spike levels this model charges for. */
    public int spikeLevels() {
        return spikeLevels;
    }

    /**
     * Energy of one operation.
     *
     * @param op the operation with its input firing rate
     * @return picojoules
     */
    public double picojoules(OpAccounting.Op op) {
        if (!op.spikingInput()) {
            return op.macs() * E_MAC_PJ;
        }
        return (double) timeSteps * spikeLevels * op.inputRate() * op.macs() * E_AC_PJ;
    }

    /**
     * Energy of a whole pass.
     *
     * @param accounting the pass's operations
     * @return millijoules
     */
    public double millijoules(OpAccounting accounting) {
        double pj = 0;
        for (OpAccounting.Op op : accounting.ops()) {
            pj += picojoules(op);
        }
        return pj * 1e-9;
    }
}
