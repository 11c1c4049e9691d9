package io.spikestream.inference.runtime.bench;

import java.util.Arrays;

/**
 * Wall-clock samples of a repeated operation, summarised by order statistics (these machines are
 * noisy, so medians, not means).
 */
public final class Timings {

    private final double[] millis;

    /**
     * Wraps samples.
     *
     * @param millis one duration per run, in milliseconds
     */
    public Timings(double[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("No timing samples");
        }
        this.millis = millis.clone();
        Arrays.sort(this.millis);
    }

    /**
     * Times {@code runs} calls after {@code warmups} untimed ones.
     *
     * @param warmups untimed calls
     * @param runs timed calls
     * @param body the operation
     * @return the samples
     */
    public static Timings measure(int warmups, int runs, Runnable body) {
        for (int i = 0; i < warmups; i++) {
            body.run();
        }
        double[] samples = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            body.run();
            samples[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new Timings(samples);
    }

    /** Median duration in ms. */
    public double median() {
        return quantile(0.5);
    }

    /**
     * A quantile by nearest rank.
     *
     * @param q in [0, 1]
     * @return the duration in ms
     */
    public double quantile(double q) {
        int i = (int) Math.ceil(q * millis.length) - 1;
        return millis[Math.max(0, Math.min(millis.length - 1, i))];
    }

    /** Number of samples. */
    public int count() {
        return millis.length;
    }
}
