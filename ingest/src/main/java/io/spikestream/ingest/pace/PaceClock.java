package io.spikestream.ingest.pace;

/** Monotonic time and sleeping, replaceable by a fake clock in tests. */
public interface PaceClock {

    /** The JVM's monotonic clock and {@link Thread#sleep}. */
    PaceClock SYSTEM = new PaceClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;
}
