package io.spikestream.inference.stream;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/** A UTC clock reading its milliseconds from a supplier, for tests that move time themselves. */
final class SuppliedClock extends Clock {

    private final LongSupplier millis;

    SuppliedClock(LongSupplier millis) {
        this.millis = millis;
    }

    @Override
    public long millis() {
        return millis.getAsLong();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
