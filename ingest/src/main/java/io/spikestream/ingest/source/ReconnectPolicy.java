package io.spikestream.ingest.source;

import java.time.Duration;

/**
 * Exponential backoff for camera reconnects: after the n-th consecutive failure the source waits
 * {@code min(maxDelay, initialDelay * 2^(n-1))} before the next attempt, and gives up after
 * {@code maxAttempts} consecutive failures ({@code 0} = retry forever). A delivered frame resets the count.
 *
 * @param initialDelay wait after the first failure
 * @param maxDelay upper bound of the wait
 * @param maxAttempts consecutive failed attempts before giving up, {@code 0} for never
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts) {

    /** 0.5 s doubling up to 30 s, forever: a live camera is expected to come back. */
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 0);

    public ReconnectPolicy {
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("Reconnect delays must satisfy 0 <= initial <= max, got initial "
                    + initialDelay + " and max " + maxDelay);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must be >= 0 (0 = forever), got " + maxAttempts);
        }
    }

    /** The wait before the next attempt after {@code failures >= 1} consecutive failures. */
    public Duration delayAfter(int failures) {
        long max = maxDelay.toMillis();
        long ms = initialDelay.toMillis();
        for (int i = 1; i < failures && ms < max; i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, max));
    }

    /** Whether {@code failures} consecutive failures exhaust the policy. */
    public boolean givesUpAfter(int failures) {
        return maxAttempts > 0 && failures >= maxAttempts;
    }
}
