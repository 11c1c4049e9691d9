package io.spikestream.inference.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Forms batches from requests of many callers, like Triton's dynamic batcher: a batch closes when it
 * holds {@code maxSize} items or {@code maxDelay} after its oldest item arrived or the consumer asked for it,
 * whichever is later (each caller has one request in flight and sends its next only after its result, so the
 * delay has to start when the model is free for the caller of the batch that just ended to join the next). At most one item per
 * key (camera) goes into a batch; a later item of the same key stays queued, in order, for a later
 * batch, because it needs the state the earlier one leaves. A batch waits for more only while some other key put
 * an item within the last {@link #RECENT_NANOS}: a lone camera's frames do not wait {@code maxDelay} for company
 * that cannot come (measured: 10 ms of every frame's 134 ms with one camera, {@code bench pipeline}).
 *
 * <p>With several consumers, an exclusive queue also keeps a key's items out of every batch while an earlier batch
 * holding that key is in flight (until {@link #done}), so that a key's items are processed one after the other even
 * when two consumers take batches: delta mode's per-camera cache is used by one pass at a time.
 *
 * @param <T> the item type
 */
final class BatchQueue<T> {

    /** How long after its last item a key still counts as one that may join a batch. */
    static final long RECENT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final int maxSize;
    private final long maxDelayNanos;
    private final Function<T, String> key;
    private final boolean exclusive;
    private final Set<String> inFlight = new HashSet<>();
    private final ArrayDeque<Queued<T>> pending = new ArrayDeque<>();
    private final Map<String, Long> lastPut = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private boolean closed;

    BatchQueue(int maxSize, long maxDelayNanos, Function<T, String> key) {
        this(maxSize, maxDelayNanos, key, false);
    }

    /**
     * A queue whose batches may exclude the keys of batches in flight.
     *
     * @param maxSize items per batch
     * @param maxDelayNanos how long a batch waits for more items
     * @param key an item's key (camera)
     * @param exclusive whether a key's items wait while a batch holding that key is in flight
     */
    BatchQueue(int maxSize, long maxDelayNanos, Function<T, String> key, boolean exclusive) {
        if (maxSize < 1 || maxDelayNanos < 0) {
            throw new IllegalArgumentException("Need maxSize >= 1 and maxDelay >= 0");
        }
        this.maxSize = maxSize;
        this.maxDelayNanos = maxDelayNanos;
        this.key = key;
        this.exclusive = exclusive;
    }

    /**
     * Queues an item.
     *
     * @param item the item
     * @throws IllegalStateException after {@link #close()}
     */
    void put(T item) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            long now = System.nanoTime();
            pending.add(new Queued<>(item, now));
            lastPut.put(key.apply(item), now);
            lastPut.values().removeIf(t -> now - t > RECENT_NANOS);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the next batch.
     *
     * @return the batch in arrival order; empty once the queue is closed and drained
     * @throws InterruptedException when interrupted while waiting
     */
    List<T> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (!takeable() && !(closed && pending.isEmpty())) {
                arrived.await();
            }
            if (pending.isEmpty()) {
                return List.of();
            }
            // from when the model is free, not from the oldest arrival: a camera whose previous frame is in the batch
            // that just ended needs a moment to send its next one, else two cameras alternate and never share a pass
            long deadline = Math.max(pending.peek().arrivalNanos, System.nanoTime()) + maxDelayNanos;
            List<T> batch = new ArrayList<>(maxSize);
            Set<String> keys = new HashSet<>();
            take(batch, keys);
            long wait;
            while (batch.size() < maxSize && !closed && othersMayCome(keys)
                    && (wait = deadline - System.nanoTime()) > 0) {
                arrived.awaitNanos(wait);
                take(batch, keys);
            }
            if (exclusive) {
                inFlight.addAll(keys);
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a key not in the batch put an item recently. */
    private boolean othersMayCome(Set<String> keys) {
        long since = System.nanoTime() - RECENT_NANOS;
        for (Map.Entry<String, Long> e : lastPut.entrySet()) {
            if (e.getValue() > since && !keys.contains(e.getKey())) {
                return true;
            }
        }
        return false;
    }

    /** Whether some queued item's key is free to go into a batch. */
    private boolean takeable() {
        if (!exclusive || inFlight.isEmpty()) {
            return !pending.isEmpty();
        }
        for (Queued<T> q : pending) {
            if (!inFlight.contains(key.apply(q.item))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ends a batch taken from an exclusive queue: its keys may go into batches again.
     *
     * @param batch the batch {@link #nextBatch()} gave
     */
    void done(List<T> batch) {
        if (!exclusive) {
            return;
        }
        lock.lock();
        try {
            batch.forEach(item -> inFlight.remove(key.apply(item)));
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void take(List<T> batch, Set<String> keys) {
        Iterator<Queued<T>> it = pending.iterator();
        while (it.hasNext() && batch.size() < maxSize) {
            T item = it.next().item;
            String k = key.apply(item);
            if (!inFlight.contains(k) && keys.add(k)) {
                batch.add(item);
                it.remove();
            }
        }
    }

    /** Rejects further items and wakes the consumer; queued items stay for {@link #nextBatch()}. */
    void close() {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns every queued item. */
    List<T> drain() {
        lock.lock();
        try {
            List<T> out = new ArrayList<>(pending.size());
            pending.forEach(q -> out.add(q.item));
            pending.clear();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Items waiting. */
    int size() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** Arrival time of an item, for queue-wait timings. */
    private record Queued<T>(T item, long arrivalNanos) {}
}
