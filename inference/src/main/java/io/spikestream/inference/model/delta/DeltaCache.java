package io.spikestream.inference.model.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * The values change-driven inference keeps between frames, by stage name ({@link DeltaNetwork}): the reference
 * input and every stage's output, batch first. A replaced value is closed at once; {@link #keep} hands the
 * values of a pass to a longer-lived manager.
 */
public final class DeltaCache implements AutoCloseable {

    private final Map<String, NDArray> values = new LinkedHashMap<>();

    /** The value kept under a name, or null. */
    public NDArray get(String name) {
        return values.get(name);
    }

    /** Keeps a value, closing the one it replaces. */
    public void put(String name, NDArray value) {
        NDArray old = values.put(name, value);
        if (old != null && old != value) {
            old.close();
        }
    }

    /** Closes and forgets every value but the one named. */
    public void retainOnly(String name) {
        values.entrySet().removeIf(e -> {
            boolean drop = !e.getKey().equals(name);
            if (drop) {
                e.getValue().close();
            }
            return drop;
        });
    }

    /** Whether nothing is kept (a key frame follows). */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Names in stage order. */
    public Iterable<String> names() {
        return values.keySet();
    }

    /**
     * Moves every value to a manager and out of the current {@code NDScope}, so it outlives the pass.
     *
     * @param manager the owner from now on
     * @return this cache
     */
    public DeltaCache keep(NDManager manager) {
        for (NDArray v : values.values()) {
            v.attach(manager);
            NDScope.unregister(v);
        }
        return this;
    }

    /**
     * One cache for a batch: every value of the cameras' caches concatenated along the batch axis. The caches must
     * hold the same names (all filled by passes at the same input size).
     *
     * @param caches per camera, batch 1 each
     * @return a new cache with temporary values, batch first in the order given
     * @throws IllegalArgumentException when the caches hold different names
     */
    public static DeltaCache concat(List<DeltaCache> caches) {
        DeltaCache out = new DeltaCache();
        for (String name : caches.get(0).values.keySet()) {
            NDList parts = new NDList(caches.size());
            for (DeltaCache c : caches) {
                NDArray v = c.get(name);
                if (v == null || c.values.size() != caches.get(0).values.size()) {
                    throw new IllegalArgumentException("Caches of a batch must hold the same stages; '" + name
                            + "' is missing from one");
                }
                parts.add(v);
            }
            out.values.put(name, NDArrays.concat(parts, 0));
        }
        return out;
    }

    /**
     * Hands item {@code b} of every value to cache {@code b}, copied and owned by {@code manager}, replacing
     * (and closing) what the camera held; the inverse of {@link #concat}.
     *
     * @param caches per batch item, its camera's cache
     * @param manager the owner from now on
     */
    public void splitInto(List<DeltaCache> caches, NDManager manager) {
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            for (int b = 0; b < caches.size(); b++) {
                NDArray item = e.getValue().get(new NDIndex("{}:{}", b, b + 1)).duplicate();
                item.attach(manager);
                NDScope.unregister(item);
                caches.get(b).put(e.getKey(), item);
            }
        }
    }

    /** Bytes held on the device. */
    public long bytes() {
        long n = 0;
        for (NDArray v : values.values()) {
            n += v.size() * v.getDataType().getNumOfBytes();
        }
        return n;
    }

    /** Closes every value. */
    @Override
    public void close() {
        values.values().forEach(NDArray::close);
        values.clear();
    }
}
