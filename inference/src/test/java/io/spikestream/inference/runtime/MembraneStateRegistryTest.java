package io.spikestream.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.inference.runtime.MembraneStateRegistry.Admission;
import org.junit.jupiter.api.Test;

class MembraneStateRegistryTest {

    private static final class State implements AutoCloseable {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    private static State run(MembraneStateRegistry<State> r, String camera, long sequence) {
        Admission<State> a = r.admit(camera, sequence);
        State next = new State();
        r.store(camera, sequence, a.carried(), next);
        return next;
    }

    @Test
    void shouldCarryStateForConsecutiveSequences() {
        MembraneStateRegistry<State> r = new MembraneStateRegistry<>(4, 0, true);
        Admission<State> first = r.admit("a", 0);
        assertEquals(ResetReason.NEW_CAMERA, first.reset());
        State s0 = new State();
        r.store("a", 0, false, s0);
        Admission<State> second = r.admit("a", 1);
        assertTrue(second.carried());
        assertSame(s0, second.state());
    }

    @Test
    void shouldContinueStateAcrossGapAndResetAndCloseItOnReplay() {
        MembraneStateRegistry<State> r = new MembraneStateRegistry<>(4, 0, true);
        State s0 = run(r, "a", 0);
        Admission<State> gap = r.admit("a", 5);
        assertTrue(gap.carried());
        assertSame(s0, gap.state());
        State s5 = new State();
        r.store("a", 5, true, s5);
        Admission<State> replay = r.admit("a", 5);
        assertEquals(ResetReason.SEQUENCE_REPLAY, replay.reset());
        assertNull(replay.state());
        assertTrue(s5.closed);
        assertEquals(1, r.resets(ResetReason.SEQUENCE_REPLAY));
        assertEquals(1, r.resets(ResetReason.NEW_CAMERA));
    }

    @Test
    void shouldCountFramesNotSequenceNumbersTowardsTheResetInterval() {
        MembraneStateRegistry<State> r = new MembraneStateRegistry<>(2, 3, true);
        StringBuilder pattern = new StringBuilder();
        for (long seq : new long[] {0, 4, 9, 10, 20}) {
            Admission<State> a = r.admit("a", seq);
            pattern.append(a.carried() ? 'c' : 'f');
            r.store("a", seq, a.carried(), new State());
        }
        assertEquals("fccfc", pattern.toString());
    }

    @Test
    void shouldEvictLeastRecentlyUsedCameraAndStartItFresh() {
        MembraneStateRegistry<State> r = new MembraneStateRegistry<>(2, 0, true);
        run(r, "a", 0);
        State b0 = run(r, "b", 0);
        State a1 = run(r, "a", 1);
        State c0 = run(r, "c", 0);
        assertTrue(b0.closed);
        assertTrue(!a1.closed && !c0.closed);
        assertEquals(2, r.cameraCount());
        assertEquals(1, r.evictions());
        assertEquals(ResetReason.EVICTED, r.admit("b", 1).reset());
        assertTrue(r.admit("a", 2).carried());
    }

    @Test
    void shouldResetEveryIntervalFrames() {
        MembraneStateRegistry<State> r = new MembraneStateRegistry<>(2, 3, true);
        StringBuilder pattern = new StringBuilder();
        for (long seq = 0; seq < 7; seq++) {
            Admission<State> a = r.admit("a", seq);
            pattern.append(a.carried() ? 'c' : 'f');
            r.store("a", seq, a.carried(), new State());
        }
        assertEquals("fccfccf", pattern.toString());
        assertEquals(2, r.resets(ResetReason.KEY_FRAME));
    }

    @Test
    void shouldKeepNothingInPerFrameMode() {
        MembraneStateRegistry<State> r = new MembraneStateRegistry<>(2, 0, false);
        run(r, "a", 0);
        State kept = new State();
        r.store("a", 1, false, kept);
        assertTrue(kept.closed);
        assertEquals(ResetReason.PER_FRAME, r.admit("a", 2).reset());
    }

    @Test
    void shouldCloseEveryStateOnClose() {
        MembraneStateRegistry<State> r = new MembraneStateRegistry<>(2, 0, true);
        State a = run(r, "a", 0);
        r.close();
        assertTrue(a.closed);
        assertEquals(0, r.cameraCount());
    }

    @Test
    void shouldCountHeldBytesAndPeaksWithinTheCameraLimitWhenCamerasAreEvicted() {
        MembraneStateRegistry<State> r = new MembraneStateRegistry<>(2, 0, true, state -> 100);
        run(r, "a", 0);
        assertEquals(100, r.bytes());
        run(r, "b", 0);
        run(r, "c", 0);
        run(r, "d", 0);
        assertEquals(2, r.cameraCount());
        assertEquals(2, r.peakCameraCount());
        assertEquals(200, r.bytes());
        assertEquals(200, r.peakBytes());
        assertEquals(2, r.evictions());
        r.admit("d", 1);
        assertEquals(100, r.bytes(), "a state handed out for a frame is not held");
        r.close();
        assertEquals(0, r.bytes());
        assertEquals(200, r.peakBytes());
    }

    @Test
    void shouldHoldNoBytesInPerFrameMode() {
        MembraneStateRegistry<State> r = new MembraneStateRegistry<>(2, 0, false, state -> 100);
        run(r, "a", 0);
        run(r, "a", 1);
        assertEquals(0, r.peakBytes());
        assertEquals(1, r.peakCameraCount());
    }
}
