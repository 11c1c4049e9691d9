package io.spikestream.ingest.service;

import java.util.ArrayDeque;
import java.util.Deque;

/** Events per second over a sliding window of recent samples of a growing count. Not thread-safe. */
final class RateMeter {

    private final long windowNanos;
    private final Deque<long[]> samples = new ArrayDeque<>();

    RateMeter(long windowNanos, long startNanos) {
        this.windowNanos = windowNanos;
        samples.add(new long[] {startNanos, 0});
    }

    /** Records {@code count} at {@code nanos} and returns the rate over the window ending there. */
    double update(long nanos, long count) {
        while (samples.size() > 1 && nanos - samples.peekFirst()[0] > windowNanos) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        samples.addLast(new long[] {nanos, count});
        long dt = nanos - first[0];
        return dt > 0 ? (count - first[1]) * 1e9 / dt : 0;
    }
}
