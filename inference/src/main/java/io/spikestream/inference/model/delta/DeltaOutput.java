package io.spikestream.inference.model.delta;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * What a change-driven pass gives.
 *
 * @param scores per-class scores at the network input size {@code (B, K, H, W)}; owned by the cache
 * @param classLogits class logits of the last decoder layer {@code (B, Q, K + 1)}
 * @param recomputed per batch item, the share of a dense pass's work that was done (0..1, halos included)
 * @param stageShares per stage, the share of its dense work that was done, averaged over the batch
 * @param stageMillis per stage, the wall time it took (on devices that run operations asynchronously, the time
 *     to queue them unless a later stage waited for them)
 */
public record DeltaOutput(NDArray scores, NDArray classLogits, double[] recomputed, Map<String, Double> stageShares,
        Map<String, Double> stageMillis) {}
