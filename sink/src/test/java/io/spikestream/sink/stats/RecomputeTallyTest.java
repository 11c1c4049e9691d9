package io.spikestream.sink.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecomputeTallyTest {

    @Test
    void shouldSplitFullPassesFromCarriedFramesWhenAveraging() {
        RecomputeTally tally = new RecomputeTally();
        tally.add(false, 1.0, 900.0);
        tally.add(false, 1.0, 40.0);
        tally.add(true, 0.2, 10.0);
        tally.add(true, 0.4, 14.0);

        assertEquals(4, tally.frames());
        assertEquals(2.6 / 4, tally.meanRecomputedFraction(), 1e-12);
        assertEquals(2, tally.fullPasses().frames());
        assertEquals(40.0, tally.fullPasses().meanForwardMillis(), 1e-12, "the first full pass is the warm-up");
        assertEquals(0.3, tally.carried().meanRecomputedFraction(), 1e-12);
        assertEquals(12.0, tally.carried().meanForwardMillis(), 1e-12);
    }

    @Test
    void shouldKeepCopyIndependentWhenOriginalGrows() {
        RecomputeTally tally = new RecomputeTally();
        tally.add(false, 1.0, 40.0);
        RecomputeTally copy = tally.copy();
        tally.add(true, 0.5, 20.0);

        assertEquals(1, copy.frames());
        assertEquals(0, copy.carried().frames());
        assertTrue(Double.isNaN(copy.carried().meanForwardMillis()));
        copy.add(false, 1.0, 30.0);
        assertEquals(30.0, copy.fullPasses().meanForwardMillis(), 1e-12, "a copy keeps its warm-up done");
    }
}
