package io.spikestream.sink.live;

import java.util.Arrays;

/** The last {@value #CAPACITY} written results of a camera, as the numbers the page shows. Not thread-safe. */
final class RecentWindow {

    static final int CAPACITY = 128;
    private static final long RATE_SPAN_MILLIS = 10_000;

    private final long[] sinkMillis = new long[CAPACITY];
    private final double[] latency = new double[CAPACITY];
    private final double[] firing = new double[CAPACITY];
    private final double[] energy = new double[CAPACITY];
    private final double[] recomputed = new double[CAPACITY];
    private int next;
    private int size;

    void add(long sinkTimeMillis, double latencyMillis, double firingRate, double energyMillijoules,
            double recomputedFraction) {
        sinkMillis[next] = sinkTimeMillis;
        latency[next] = latencyMillis;
        firing[next] = firingRate;
        energy[next] = energyMillijoules;
        recomputed[next] = recomputedFraction;
        next = (next + 1) % CAPACITY;
        size = Math.min(CAPACITY, size + 1);
    }

    /** Results per second over the entries of the last 10 s before the newest; NaN without a time span. */
    double framesPerSecond() {
        if (size < 2) {
            return Double.NaN;
        }
        long newest = sinkMillis[index(size - 1)];
        int first = 0;
        while (first < size - 2 && newest - sinkMillis[index(first)] > RATE_SPAN_MILLIS) {
            first++;
        }
        long span = newest - sinkMillis[index(first)];
        return span <= 0 ? Double.NaN : (size - 1 - first) * 1000.0 / span;
    }

    /** The latency of nearest rank {@code ceil(q * n)}; NaN when empty. */
    double latencyQuantile(double q) {
        double[] sorted = Arrays.copyOf(latency, size);
        Arrays.sort(sorted);
        return size == 0 ? Double.NaN : sorted[Math.max(0, (int) Math.ceil(q * size) - 1)];
    }

    double meanFiringRate() {
        return mean(firing);
    }

    double meanEnergy() {
        return mean(energy);
    }

    double meanRecomputed() {
        return mean(recomputed);
    }

    private double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!Double.isNaN(values[i])) {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The array index of the {@code k}-th oldest entry. */
    private int index(int k) {
        return (next - size + k + CAPACITY) % CAPACITY;
    }
}
