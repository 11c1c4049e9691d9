package io.spikestream.inference.model.delta;

import java.util.Map;

/**
 * The dense work of each stage of {@link DeltaNetwork} at one input size, in multiply-accumulates as the
 * model's accounting counts them; it weighs each stage's recomputed share into a frame's recomputed fraction.
 *
 * @param macs per stage name
 */
public record StageCosts(Map<String, Long> macs) {

    /** Copies the map. */
    public StageCosts {
        macs = Map.copyOf(macs);
    }

    /** Multiply-accumulates of a dense pass over all stages. */
    public long total() {
        return macs.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A stage's share of the dense work (0 for an unknown stage). */
    public double share(String stage) {
        long total = total();
        return total == 0 ? 0 : macs.getOrDefault(stage, 0L) / (double) total;
    }
}
