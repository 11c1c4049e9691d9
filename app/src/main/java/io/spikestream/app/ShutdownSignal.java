package io.spikestream.app;

import java.util.concurrent.CompletableFuture;

/**
 * The JVM's shutdown (Ctrl-C, SIGTERM) for a stage command that runs until then: a shutdown hook closes the
 * stage, and the command waits for that or for the stage's own failure.
 */
final class ShutdownSignal {

    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private ShutdownSignal() {
    }

    /**
     * Registers a shutdown hook that runs {@code close}.
     *
     * @param close closes the stage
     * @param threadName name of the hook's thread
     * @return the signal to wait on
     */
    static ShutdownSignal closing(Runnable close, String threadName) {
        ShutdownSignal signal = new ShutdownSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close.run();
            signal.stopped.complete(null);
        }, threadName));
        return signal;
    }

    /**
     * Waits until the JVM shuts down (the stage closed) or {@code failure} completes.
     *
     * @param failure completes with the exception that stopped the stage
     * @return that exception, or null after a shutdown
     */
    Throwable awaitOr(CompletableFuture<Throwable> failure) {
        CompletableFuture.anyOf(stopped, failure).join();
        return failure.getNow(null);
    }

    /** Waits until the JVM shuts down and the stage is closed. */
    void await() {
        stopped.join();
    }
}
