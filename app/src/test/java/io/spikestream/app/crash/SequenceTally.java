package io.spikestream.app.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How many records a topic holds per (camera, sequence). */
final class SequenceTally {

    private final Map<String, Map<Long, Integer>> counts = new TreeMap<>();
    private int records;

    void add(String camera, long sequence) {
        counts.computeIfAbsent(camera, c -> new TreeMap<>()).merge(sequence, 1, Integer::sum);
        records++;
    }

    /** Records read. */
    int records() {
        return records;
    }

    /** Distinct (camera, sequence) pairs. */
    int distinct() {
        return counts.values().stream().mapToInt(Map::size).sum();
    }

    /** Records beyond the first of their (camera, sequence). */
    int duplicates() {
        return records - distinct();
    }

    /** The pairs of {@code expected} this tally lacks, as {@code camera#sequence}. */
    List<String> missing(SequenceTally expected) {
        List<String> missing = new ArrayList<>();
        expected.counts.forEach((camera, sequences) -> sequences.keySet().stream()
                .filter(s -> !counts.getOrDefault(camera, Map.of()).containsKey(s))
                .forEach(s -> missing.add(camera + "#" + s)));
        return missing;
    }

    /** The pairs held more than once, as {@code camera#sequence x count}. */
    List<String> duplicated() {
        List<String> dup = new ArrayList<>();
        counts.forEach((camera, sequences) -> sequences.forEach((s, n) -> {
            if (n > 1) {
                dup.add(camera + "#" + s + " x" + n);
            }
        }));
        return dup;
    }

    /**
     * The pairs this tally holds more often ({@code more}) or less often ({@code !more}) than {@code other},
     * as {@code camera#sequence}.
     */
    List<String> comparedTo(SequenceTally other, boolean more) {
        Map<String, Map<Long, Integer>> all = new TreeMap<>(counts);
        other.counts.forEach((camera, sequences) -> all.merge(camera, sequences, (a, b) -> {
            Map<Long, Integer> merged = new TreeMap<>(a);
            b.keySet().forEach(s -> merged.putIfAbsent(s, 0));
            return merged;
        }));
        List<String> found = new ArrayList<>();
        all.forEach((camera, sequences) -> sequences.keySet().forEach(s -> {
            int diff = count(camera, s) - other.count(camera, s);
            if (more ? diff > 0 : diff < 0) {
                found.add(camera + "#" + s);
            }
        }));
        return found;
    }

    private int count(String camera, long sequence) {
        return counts.getOrDefault(camera, Map.of()).getOrDefault(sequence, 0);
    }

    /** The sequences of one camera, in order. */
    List<Long> sequences(String camera) {
        return List.copyOf(counts.getOrDefault(camera, Map.of()).keySet());
    }

    @Override
    public String toString() {
        return records + " records, " + distinct() + " distinct (camera, sequence), " + duplicates() + " duplicates";
    }
}
