package io.spikestream.ingest.publish;

import java.time.Duration;
import org.apache.kafka.common.errors.TimeoutException;

/** A point in time that several blocking calls share. */
final class Deadline {

    private final long nanos;

    private Deadline(long nanos) {
        this.nanos = nanos;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** The time left. @throws TimeoutException when none is */
    Duration remaining() {
        long left = nanos - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException("ran out of time");
        }
        return Duration.ofNanos(left);
    }
}
