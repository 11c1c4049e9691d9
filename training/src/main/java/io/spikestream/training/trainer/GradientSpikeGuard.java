package io.spikestream.training.trainer;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Tells a gradient spike from an ordinary step: a global norm above {@code ratio} times the median of the last
 * {@code window} accepted norms. A spike is skipped like a non-finite step.
 *
 * <p>Why: training-mode BatchNorm over near-constant spike channels scales the backward pass by up to
 * {@code 1/sqrt(eps)} per layer, and some steps spike: at lr 2e-3, 15 of 3060 steps of {@code tiny-cityscapes}
 * had norms 20-400 times the median, in the stem convolutions (docs/training.md, run E). AdamW would store the
 * square of such a gradient in its second moment, which then decays by {@code beta2} per step and damps that
 * parameter's updates for thousands of steps. Clipping would keep the spike's direction; skipping keeps the
 * moments as they were.
 */
public final class GradientSpikeGuard {

    private final double ratio;
    private final int window;
    private final int warmup;
    private final Deque<Double> recent = new ArrayDeque<>();

    /**
     * @param ratio a norm above {@code ratio x median} is a spike; 0 disables the guard
     * @param window accepted norms the median is taken over
     * @param warmup accepted norms needed before any step counts as a spike
     */
    public GradientSpikeGuard(double ratio, int window, int warmup) {
        if (ratio < 0 || window < 1 || warmup < 1 || warmup > window) {
            throw new IllegalArgumentException("spike guard needs ratio >= 0 and 1 <= warmup <= window, got ratio "
                    + ratio + ", window " + window + ", warmup " + warmup);
        }
        this.ratio = ratio;
        this.window = window;
        this.warmup = warmup;
    }

    /** The guard of the trainer: ratio as given, median over the last 50 accepted steps, active after 10. */
    public static GradientSpikeGuard of(double ratio) {
        return new GradientSpikeGuard(ratio, 50, 10);
    }

    /**
     * Judges one step's norm and, when accepted, remembers it.
     *
     * @param norm the global gradient norm (finite)
     * @return true when the step should be applied, false for a spike
     */
    public boolean accept(double norm) {
        if (ratio > 0 && recent.size() >= warmup && norm > ratio * median()) {
            return false;
        }
        recent.addLast(norm);
        if (recent.size() > window) {
            recent.removeFirst();
        }
        return true;
    }

    /** Median of the remembered norms (NaN before the first). */
    public double median() {
        double[] v = recent.stream().mapToDouble(Double::doubleValue).toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
}
