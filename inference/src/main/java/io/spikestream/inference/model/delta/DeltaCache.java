package io.spikestream.inference.model.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

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
     * A cache holding {@code f} of every value, e.g. one batch item.
     *
     * @param f the function applied to every value
     * @return a new cache
     */
    public DeltaCache map(Function<NDArray, NDArray> f) {
        DeltaCache out = new DeltaCache();
        values.forEach((k, v) -> out.values.put(k, f.apply(v)));
        return out;
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
