package io.spikestream.ingest.service;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of an ingest run's counters, for progress bars and metrics.
 *
 * @param framesSent frames handed to the producer
 * @param framesAcknowledged frames the brokers acknowledged
 * @param framesDropped frames replaced by newer ones before publishing (live delivery)
 * @param sendFailures sends that failed
 * @param reconnects camera reconnections
 * @param bytesSent encoded picture plus label bytes acknowledged
 * @param total frames the run will send when known (file frame count, synthetic frames, max.frames)
 * @param framesPerSecond recent publishing rate
 * @param elapsed time since the run started
 * @param finished whether the run has ended
 */
public record IngestProgress(long framesSent, long framesAcknowledged, long framesDropped, long sendFailures,
        long reconnects, long bytesSent, OptionalLong total, double framesPerSecond, Duration elapsed,
        boolean finished) {

    /** Nothing sent yet. */
    public static IngestProgress initial(OptionalLong total) {
        return new IngestProgress(0, 0, 0, 0, 0, 0, total, 0, Duration.ZERO, false);
    }

    /** Time left at the current rate, when the total is known and the rate positive. */
    public Optional<Duration> eta() {
        if (total.isEmpty() || !(framesPerSecond > 0)) {
            return Optional.empty();
        }
        long left = Math.max(total.getAsLong() - framesSent, 0);
        return Optional.of(Duration.ofMillis(Math.round(left * 1000 / framesPerSecond)));
    }

    /** Fraction done in 0..1, when the total is known. */
    public Optional<Double> fraction() {
        if (total.isEmpty()) {
            return Optional.empty();
        }
        long t = total.getAsLong();
        return Optional.of(t <= 0 ? 1.0 : Math.min(1.0, (double) framesSent / t));
    }
}
