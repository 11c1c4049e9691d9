package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikestream.sink.stats.RecomputeTally;
import org.junit.jupiter.api.Test;

class RecomputeSummaryTest {

    @Test
    void shouldReportFractionAndTimeSavedWhenFramesCarriedState() {
        RecomputeTally tally = new RecomputeTally();
        tally.add(false, 1.0, 700.0);
        tally.add(false, 1.0, 41.0);
        tally.add(true, 0.2, 12.0);
        tally.add(true, 0.268, 12.2);

        // the first full pass (700 ms, warm-up) is left out of the comparison
        assertEquals("recomputed: 23.4% of the work (frames continuing a camera's state), forward 12.1 ms vs 41.0 ms on full frames: "
                + "70% time saved", RecomputeSummary.line(tally));
    }

    @Test
    void shouldSayEveryFrameWasFullPassWhenNoFrameCarriedState() {
        RecomputeTally tally = new RecomputeTally();
        tally.add(false, 1.0, 41.0);
        tally.add(false, 1.0, 40.0);

        assertEquals("recomputed: 100.0% of the work: every frame was a full pass (no state carried, no saving)",
                RecomputeSummary.line(tally));
    }

    @Test
    void shouldSaySlowerWhenDeltaFramesTookLonger() {
        RecomputeTally tally = new RecomputeTally();
        tally.add(false, 1.0, 400.0);
        tally.add(false, 1.0, 40.0);
        tally.add(true, 1.0, 42.0);

        assertEquals("recomputed: 100.0% of the work (frames continuing a camera's state), forward 42.0 ms vs 40.0 ms on full frames: "
                + "5% slower", RecomputeSummary.line(tally));
    }

    @Test
    void shouldNotCompareWhenRunHadNoFullPassAfterTheWarmUp() {
        RecomputeTally tally = new RecomputeTally();
        tally.add(false, 1.0, 400.0);
        tally.add(true, 0.5, 20.0);

        assertEquals("recomputed: 50.0% of the work (frames continuing a camera's state), forward 20.0 ms, no full pass after the warm-up to compare"
                + " with (spikestream bench stream measures it)",
                RecomputeSummary.line(tally));
    }
}
