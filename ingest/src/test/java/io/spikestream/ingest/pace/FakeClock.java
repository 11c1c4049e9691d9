package io.spikestream.ingest.pace;

import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when slept on or advanced by the test. */
final class FakeClock implements PaceClock {

    long now = 1_000_000_000L;
    final List<Long> sleeps = new ArrayList<>();

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void sleepNanos(long nanos) {
        sleeps.add(nanos);
        now += nanos;
    }

    void advanceMillis(long ms) {
        now += ms * 1_000_000;
    }

    long millis() {
        return now / 1_000_000;
    }
}
