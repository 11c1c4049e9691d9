package io.spikestream.schemas;

import io.spikestream.schemas.avro.SkipReason;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Live frames inference skipped, counted by {@link SkipReason} (inference and sink count them alike). Thread-safe. */
public final class SkipCounts {

    private final Map<SkipReason, LongAdder> counts = new EnumMap<>(SkipReason.class);

    /** Creates zeroed counters. */
    public SkipCounts() {
        for (SkipReason r : SkipReason.values()) {
            counts.put(r, new LongAdder());
        }
    }

    /** Counts one skipped frame. */
    public void add(SkipReason reason) {
        counts.get(reason).increment();
    }

    /** Skipped frames of every reason. */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Skipped frames of one reason. */
    public long count(SkipReason reason) {
        return counts.get(reason).sum();
    }

    /** Skipped frames by reason name, every reason listed in declaration order. */
    public Map<String, Long> byReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((r, n) -> out.put(r.name(), n.sum()));
        return out;
    }
}
