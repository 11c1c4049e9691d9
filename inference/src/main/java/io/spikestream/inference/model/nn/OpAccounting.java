package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects, for one forward pass, the multiply-accumulates of every synaptic operation (convolution,
 * linear layer, spike matrix product) with the firing rate of its input, and the firing of every
 * neuron. It feeds FLOP counts, firing-rate reports and the paper's energy estimate.
 *
 * <p>Firing rates are reduced on the device and read back once per operation, so accounting costs a
 * little time; leave it off for plain inference.
 */
public final class OpAccounting {

    /**
     * One synaptic operation.
     *
     * @param path parameter path of the layer (or a descriptive name for weight-free products)
     * @param macs multiply-accumulates
     * @param spikingInput whether the input is a spike tensor (accumulate-only on neuromorphic hardware)
     * @param inputRate mean of the input; for spikes, the normalised firing rate in [0, 1]
     */
    public record Op(String path, long macs, boolean spikingInput, double inputRate) {}

    /**
     * Firing of one neuron call.
     *
     * @param path the neuron's path
     * @param elements number of neurons
     * @param meanCount mean integer spike count (0..D)
     */
    public record Firing(String path, long elements, double meanCount) {}

    private final List<Op> ops = new ArrayList<>();
    private final Map<String, Firing> firings = new LinkedHashMap<>();

    void record(String path, long macs, NDArray input, boolean spikingInput, float spikeScale) {
        double rate = spikingInput ? input.mean().getFloat() / spikeScale : 1.0;
        ops.add(new Op(path, macs, spikingInput, rate));
    }

    void recordFiring(String path, NDArray counts) {
        firings.put(path, new Firing(path, counts.size(), counts.mean().getFloat()));
    }

    /** Operations in execution order. */
    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    /** Neuron firings in execution order, keyed by path. */
    public List<Firing> firings() {
        return List.copyOf(firings.values());
    }

    /** Sum of multiply-accumulates. */
    public long totalMacs() {
        return ops.stream().mapToLong(Op::macs).sum();
    }
}
