package io.spikestream.schemas.deadletter;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Dead letters counted by {@link Rejection}. Thread-safe: stream threads and exception handlers share it. */
public final class DeadLetterCounts {

    private final Map<Rejection, LongAdder> counts = new EnumMap<>(Rejection.class);

    /** Creates zeroed counters. */
    public DeadLetterCounts() {
        for (Rejection r : Rejection.values()) {
            counts.put(r, new LongAdder());
        }
    }

    /**
     * Counts one dead letter.
     *
     * @param rejection its kind
     */
    public void add(Rejection rejection) {
        counts.get(rejection).increment();
    }

    /** Dead letters of every kind. */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * Dead letters of one kind.
     *
     * @param rejection the kind
     * @return how many
     */
    public long count(Rejection rejection) {
        return counts.get(rejection).sum();
    }

    /** Dead letters by kind name, every kind listed in declaration order. */
    public Map<String, Long> byRejection() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((r, n) -> out.put(r.name(), n.sum()));
        return out;
    }
}
