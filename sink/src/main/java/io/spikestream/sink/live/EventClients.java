package io.spikestream.sink.live;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open {@code /events} streams, each on a daemon thread of its own, at most a fixed number at once (more
 * get 503). Closing interrupts them all, which also closes their connections.
 */
final class EventClients implements AutoCloseable {

    private final LiveView view;
    private final Duration tick;
    private final Duration heartbeat;
    private final int max;
    private final Semaphore slots;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean closed;

    EventClients(LiveView view, Duration tick, Duration heartbeat, int max) {
        this.view = view;
        this.tick = tick;
        this.heartbeat = heartbeat;
        this.max = max;
        this.slots = new Semaphore(max);
    }

    /** Starts streaming to {@code exchange}, or answers 503 when every slot is taken or the page is closed. */
    void open(HttpExchange exchange) throws IOException {
        if (closed || !slots.tryAcquire()) {
            exchange.getResponseHeaders().set("Retry-After", "5");
            Responses.status(exchange, 503, "too many live page clients (at most " + max + ")");
            return;
        }
        try {
            Responses.headers(exchange, "text/event-stream; charset=utf-8", Responses.NO_STORE);
            exchange.sendResponseHeaders(200, 0);
            start(new EventStream(exchange, view, tick, heartbeat, () -> closed));
        } catch (IOException | RuntimeException e) {
            slots.release();
            exchange.close();
            throw e;
        }
    }

    /** Streams open now. */
    int open() {
        return max - slots.availablePermits();
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
    }

    private void start(EventStream stream) {
        Thread thread = new Thread(() -> {
            try {
                stream.run();
            } finally {
                threads.remove(Thread.currentThread());
                slots.release();
            }
        }, "live-page-events-" + started.incrementAndGet());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }
}
