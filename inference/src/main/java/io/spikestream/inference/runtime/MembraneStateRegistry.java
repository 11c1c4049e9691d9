package io.spikestream.inference.runtime;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * Per-camera state (a {@code DeltaCache} in {@code state.mode=delta}, or a {@code MembraneState}) with a bounded
 * number of cameras and least-recently-used eviction; the bound is what bounds the state's device memory.
 *
 * <p>For each frame the owner calls {@link #admit} (which hands out the camera's state, or decides on a
 * fresh start and says why), runs the frame, then {@link #store}s the state the frame left. A state is
 * continued when the frame's sequence is above the camera's last, also across a gap (frames skipped as too
 * old, dropped upstream or dead-lettered): a {@code DeltaCache} compares each frame with the reference input its
 * values were computed from, not with the previous frame, so a gap cannot make it wrong. A sequence that
 * repeats or goes back (a replay) closes the old state and the frame starts fresh. Evicted states are closed.
 *
 * <p>Not thread-safe: one thread (the inference thread) owns it. Counters may be read from any thread.
 *
 * @param <S> the state type, e.g. {@code DeltaCache}
 */
public final class MembraneStateRegistry<S extends AutoCloseable> implements AutoCloseable {

    private final int maxCameras;
    private final long resetInterval;
    private final boolean keep;
    private final LinkedHashMap<String, Entry<S>> cameras = new LinkedHashMap<>(16, 0.75f, true);
    private final LinkedHashMap<String, Boolean> evicted = new LinkedHashMap<>();
    private final Map<ResetReason, AtomicLong> resets = new EnumMap<>(ResetReason.class);
    private final AtomicLong evictions = new AtomicLong();
    private final ToLongFunction<? super S> sizeOf;
    private volatile int size;
    private volatile int peakSize;
    private volatile long bytes;
    private volatile long peakBytes;

    /**
     * Creates an empty registry.
     *
     * @param maxCameras cameras whose state is kept (at least 1)
     * @param resetInterval start fresh after this many frames of a camera (0 = never)
     * @param keep false to keep nothing and start every frame fresh ({@link ResetReason#PER_FRAME})
     */
    public MembraneStateRegistry(int maxCameras, long resetInterval, boolean keep) {
        this(maxCameras, resetInterval, keep, state -> 0);
    }

    /**
     * Creates an empty registry that also adds up the bytes of the states it holds.
     *
     * @param maxCameras cameras whose state is kept (at least 1)
     * @param resetInterval start fresh after this many frames of a camera (0 = never)
     * @param keep false to keep nothing and start every frame fresh ({@link ResetReason#PER_FRAME})
     * @param sizeOf bytes one state holds, e.g. {@code DeltaCache::bytes}; called on the owning thread
     */
    public MembraneStateRegistry(int maxCameras, long resetInterval, boolean keep, ToLongFunction<? super S> sizeOf) {
        this.sizeOf = sizeOf;
        if (maxCameras < 1 || resetInterval < 0) {
            throw new IllegalArgumentException("Need maxCameras >= 1 and resetInterval >= 0, got " + maxCameras
                    + " and " + resetInterval);
        }
        this.maxCameras = maxCameras;
        this.resetInterval = resetInterval;
        this.keep = keep;
        for (ResetReason r : ResetReason.values()) {
            resets.put(r, new AtomicLong());
        }
    }

    /**
     * Decides how a camera's frame starts and hands out the camera's state, which the caller then owns.
     *
     * @param cameraId the camera
     * @param sequence the frame's sequence number
     * @return the camera's state to continue, or a fresh start with its reason
     */
    public Admission<S> admit(String cameraId, long sequence) {
        Entry<S> entry = cameras.get(cameraId);
        ResetReason reason = reason(cameraId, entry, sequence);
        if (entry == null) {
            resets.get(reason).incrementAndGet();
            return new Admission<>(null, reason);
        }
        S state = entry.state;
        entry.state = null;
        entry.bytes = 0;
        updateSizes();
        if (reason != null || state == null) {
            free(state);
            ResetReason r = reason != null ? reason : ResetReason.NEW_CAMERA;
            resets.get(r).incrementAndGet();
            return new Admission<>(null, r);
        }
        return new Admission<>(state, null);
    }

    private ResetReason reason(String cameraId, Entry<S> entry, long sequence) {
        if (entry == null) {
            return evicted.remove(cameraId) != null ? ResetReason.EVICTED : ResetReason.NEW_CAMERA;
        }
        if (!keep) {
            return ResetReason.PER_FRAME;
        }
        if (sequence <= entry.lastSequence) {
            return ResetReason.SEQUENCE_REPLAY;
        }
        if (resetInterval > 0 && entry.framesSinceReset >= resetInterval) {
            return ResetReason.KEY_FRAME;
        }
        return null;
    }

    /**
     * Keeps the state a frame left for the camera's next frame; evicts the least recently used cameras
     * beyond the limit.
     *
     * @param cameraId the camera
     * @param sequence the frame's sequence number
     * @param carried whether the frame continued the camera's state (from its {@link Admission})
     * @param state the state to continue from, or null; the registry owns it from now on (and closes it at once
     *     when it keeps nothing)
     */
    public void store(String cameraId, long sequence, boolean carried, S state) {
        Entry<S> entry = cameras.computeIfAbsent(cameraId, k -> new Entry<>());
        free(entry.state);
        entry.state = keep ? state : null;
        entry.bytes = keep && state != null ? sizeOf.applyAsLong(state) : 0;
        if (!keep) {
            free(state);
        }
        entry.lastSequence = sequence;
        entry.framesSinceReset = carried ? entry.framesSinceReset + 1 : 1;
        evictBeyondLimit();
        updateSizes();
    }

    /**
     * Drops a camera's state, e.g. after its frame failed; its next frame starts fresh as a new camera.
     *
     * @param cameraId the camera
     */
    public void forget(String cameraId) {
        Entry<S> entry = cameras.remove(cameraId);
        if (entry != null) {
            free(entry.state);
        }
        updateSizes();
    }

    private void updateSizes() {
        long held = 0;
        for (Entry<S> e : cameras.values()) {
            held += e.bytes;
        }
        size = cameras.size();
        bytes = held;
        peakSize = Math.max(peakSize, size);
        peakBytes = Math.max(peakBytes, held);
    }

    private void evictBeyondLimit() {
        Iterator<Map.Entry<String, Entry<S>>> it = cameras.entrySet().iterator();
        while (cameras.size() > maxCameras && it.hasNext()) {
            Map.Entry<String, Entry<S>> eldest = it.next();
            free(eldest.getValue().state);
            it.remove();
            rememberEvicted(eldest.getKey());
            evictions.incrementAndGet();
        }
    }

    private void rememberEvicted(String cameraId) {
        evicted.put(cameraId, Boolean.TRUE);
        if (evicted.size() > 16L * maxCameras) {
            evicted.remove(evicted.keySet().iterator().next());
        }
    }

    /** Cameras whose state is held. */
    public int cameraCount() {
        return size;
    }

    /** Most cameras whose state was held at once (after eviction), since creation. */
    public int peakCameraCount() {
        return peakSize;
    }

    /** Bytes of the states held now (0 without a {@code sizeOf}); states handed out for a frame not included. */
    public long bytes() {
        return bytes;
    }

    /** Most bytes of held states at once (after eviction), since creation. */
    public long peakBytes() {
        return peakBytes;
    }

    /** States dropped by the camera limit. */
    public long evictions() {
        return evictions.get();
    }

    /**
     * Fresh starts of one reason.
     *
     * @param reason the reason
     * @return how many frames started fresh for it
     */
    public long resets(ResetReason reason) {
        return resets.get(reason).get();
    }

    /** Fresh starts by reason name, every reason listed. */
    public Map<String, Long> resetCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        resets.forEach((r, n) -> out.put(r.name(), n.get()));
        return out;
    }

    /** Closes every held state. */
    @Override
    public void close() {
        cameras.values().forEach(e -> free(e.state));
        cameras.clear();
        updateSizes();
    }

    private static void free(AutoCloseable state) {
        if (state == null) {
            return;
        }
        try {
            state.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not free a camera's state", e);
        }
    }

    /**
     * How a frame starts.
     *
     * @param state the camera's state to continue (caller owns it), or null for a fresh start
     * @param reset why the frame starts fresh, or null when it continues the camera's state
     * @param <S> the state type
     */
    public record Admission<S>(S state, ResetReason reset) {

        /** True if the frame continues the camera's state (not a key frame). */
        public boolean carried() {
            return reset == null;
        }
    }

    private static final class Entry<S> {
        private S state;
        private long lastSequence;
        private long framesSinceReset;
        private long bytes;
    }
}
