package io.spikestream.training.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientSpikeGuardTest {

    @Test
    void acceptsEverythingUntilWarm() {
        GradientSpikeGuard guard = new GradientSpikeGuard(10, 5, 3);
        assertTrue(guard.accept(1));
        assertTrue(guard.accept(1e6));
        assertTrue(guard.accept(2));
        assertEquals(2, guard.median());
    }

    @Test
    void rejectsSpikeAndDoesNotRememberIt() {
        GradientSpikeGuard guard = new GradientSpikeGuard(10, 5, 3);
        for (double n : new double[] {4, 5, 6}) {
            assertTrue(guard.accept(n));
        }
        assertFalse(guard.accept(51));
        assertEquals(5, guard.median());
        assertTrue(guard.accept(49));
        assertEquals(5.5, guard.median());
    }

    @Test
    void medianFollowsTheWindow() {
        GradientSpikeGuard guard = new GradientSpikeGuard(100, 3, 1);
        for (double n : new double[] {1, 2, 3, 50, 60}) {
            guard.accept(n);
        }
        assertEquals(50, guard.median());
    }

    @Test
    void zeroRatioDisables() {
        GradientSpikeGuard guard = new GradientSpikeGuard(0, 3, 1);
        guard.accept(1);
        assertTrue(guard.accept(1e30));
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new GradientSpikeGuard(-1, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new GradientSpikeGuard(10, 3, 4));
    }
}
