package io.spikestream.inference.service;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Events per second per camera label over a sliding window, for a gauge that falls to 0 within the window once a
 * camera stops. A camera seen for less than the window is measured over the time since its first event (at least
 * one second). Thread-safe.
 */
final class CameraRates {

    private static final long SECOND = 1_000_000_000L;

    private final long windowNanos;
    private final LongSupplier nanos;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    CameraRates(long windowNanos, LongSupplier nanos) {
        this.windowNanos = windowNanos;
        this.nanos = nanos;
    }

    void record(String camera) {
        long now = nanos.getAsLong();
        windows.computeIfAbsent(camera, c -> new Window(now)).add(now);
    }

    double perSecond(String camera) {
        Window w = windows.get(camera);
        return w == null ? 0 : w.rate(nanos.getAsLong());
    }

    private final class Window {

        private final long first;
        private final ArrayDeque<Long> times = new ArrayDeque<>();

        Window(long first) {
            this.first = first;
        }

        synchronized void add(long now) {
            times.addLast(now);
            trim(now);
        }

        synchronized double rate(long now) {
            trim(now);
            long span = Math.min(windowNanos, Math.max(now - first, SECOND));
            return times.size() * (double) SECOND / span;
        }

        private void trim(long now) {
            while (!times.isEmpty() && now - times.peekFirst() > windowNanos) {
                times.removeFirst();
            }
        }
    }
}
