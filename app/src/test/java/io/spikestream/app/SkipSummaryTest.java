package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkipSummaryTest {

    @Test
    void shouldListOnlyReasonsThatOccurredWhenFramesWereSkipped() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("TOO_OLD", 12L);
        counts.put("SUPERSEDED", 0L);

        assertEquals(Optional.of("skipped: 12 live frames not segmented (TOO_OLD 12): rows in stats.csv, no masks"
                + " or overlays"), SkipSummary.line(counts));
    }

    @Test
    void shouldPrintNothingWhenNoFrameWasSkipped() {
        assertEquals(Optional.empty(), SkipSummary.line(Map.of("TOO_OLD", 0L, "SUPERSEDED", 0L)));
    }
}
