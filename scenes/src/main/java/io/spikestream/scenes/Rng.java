package io.spikestream.scenes;

import java.util.SplittableRandom;

/** Seeded random helpers; everything here is deterministic across threads and machines. */
final class Rng {

    private final SplittableRandom random;

    Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    int nextInt(int lo, int hiExclusive) {
        return random.nextInt(lo, hiExclusive);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    long nextLong() {
        return random.nextLong();
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    /** @return {@code rgb} with each channel scaled by a common factor in {@code [1-v, 1+v]} */
    int vary(int rgb, double v) {
        return Colors.scale(rgb, uniform(1 - v, 1 + v));
    }

    /** SplitMix64 finaliser: a well mixed 64-bit hash of {@code x}. */
    static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return a hash of the given keys in {@code [0, 1)} */
    static double unit(long a, long b) {
        return (mix(mix(a) ^ b) >>> 11) * 0x1.0p-53;
    }
}
