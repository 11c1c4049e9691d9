package io.spikestream.inference.runtime;

import io.spikestream.inference.model.nn.OpAccounting;

/** Aggregates neuron firing from an {@link OpAccounting}. */
public final class FiringRates {

    private FiringRates() {}

    /**
     * Mean normalised firing rate over every neuron of a pass (each neuron weighted equally).
     *
     * @param accounting the pass
     * @param spikeLevels D
     * @return mean of {@code s / D} in [0, 1]
     */
    public static double meanRate(OpAccounting accounting, int spikeLevels) {
        double sum = 0;
        long n = 0;
        for (OpAccounting.Firing f : accounting.firings()) {
            sum += f.meanCount() * f.elements();
            n += f.elements();
        }
        return n == 0 ? 0 : sum / n / spikeLevels;
    }
}
