package io.spikestream.training.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LrScheduleTest {

    /** The official Cityscapes schedule: LinearLR(1e-6, end 1500) then PolyLR(power 1, begin 1500, end 160000). */
    private final LrSchedule official = new LrSchedule(1500, 1e-6, 160_000, 1.0);

    @Test
    void shouldFollowMmengineClosedFormsWhenAtChosenIterations() {
        assertEquals(1e-6, official.factor(0), 1e-15);
        assertEquals(1e-6 + (1 - 1e-6) * 750 / 1500.0, official.factor(750), 1e-12);
        assertEquals(1.0, official.factor(1500), 1e-12);
        assertEquals(1 - 8500 / 158_500.0, official.factor(10_000), 1e-12);
        // the official run stops at 90000, where the poly factor is still 0.442
        assertEquals(1 - 88_500 / 158_500.0, official.factor(90_000), 1e-12);
        assertEquals(0.0, official.factor(160_000), 0.0);
    }

    @Test
    void shouldSquareTheDecayWhenPowerIsTwo() {
        LrSchedule s = new LrSchedule(0, 1e-6, 100, 2.0);
        assertEquals(0.25, s.factor(50), 1e-12);
    }

    @Test
    void shouldRejectWarmupBeyondTheEndWhenBuilding() {
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(100, 1e-6, 50, 1.0));
    }
}
