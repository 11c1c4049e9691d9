package io.spikestream.app;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The demo summary's line on the live frames inference skipped instead of segmenting, by reason. */
final class SkipSummary {

    private SkipSummary() {
    }

    /**
     * The line for skipped-frame counts by reason name, without a line break; empty when none was skipped.
     *
     * @param byReason counts by reason, in the order to print (reasons with 0 are left out)
     */
    static Optional<String> line(Map<String, Long> byReason) {
        long total = byReason.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return Optional.empty();
        }
        String reasons = byReason.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return Optional.of("skipped: " + total + " live frames not segmented (" + reasons
                + "): rows in stats.csv, no masks or overlays");
    }
}
