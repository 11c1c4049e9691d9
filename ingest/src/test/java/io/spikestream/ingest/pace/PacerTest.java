package io.spikestream.ingest.pace;

import static io.spikestream.ingest.pace.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    private final FakeClock clock = new FakeClock();

    private List<Long> releaseTimes(Pacer pacer, long[] timestamps, long workMs) throws InterruptedException {
        long start = clock.millis();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < timestamps.length; i++) {
            pacer.await(frame(i, timestamps[i]));
            times.add(clock.millis() - start);
            clock.advanceMillis(workMs);
        }
        return times;
    }

    @Test
    void shouldSpaceFramesByPeriodWhenFixedRate() throws InterruptedException {
        Pacer pacer = new Pacer(Pacing.parse("fixed:10"), 25, clock);
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L), releaseTimes(pacer, new long[5], 30));
    }

    @Test
    void shouldFollowCaptureTimestampsWhenPacingAtSourceRate() throws InterruptedException {
        Pacer pacer = new Pacer(Pacing.SOURCE, 25, clock);
        long[] ts = {1000, 1040, 1080, 1200, 1240};
        assertEquals(List.of(0L, 40L, 80L, 200L, 240L), releaseTimes(pacer, ts, 5));
    }

    @Test
    void shouldNeverWaitWhenPacingIsMax() throws InterruptedException {
        Pacer pacer = new Pacer(Pacing.parse("MAX"), 25, clock);
        releaseTimes(pacer, new long[] {0, 1000, 2000}, 0);
        assertTrue(clock.sleeps.isEmpty());
    }

    @Test
    void shouldRestartScheduleInsteadOfBurstingWhenConsumerFallsBehind() throws InterruptedException {
        Pacer pacer = new Pacer(Pacing.fixed(10), 25, clock);
        List<Long> times = new ArrayList<>();
        long start = clock.millis();
        for (int i = 0; i < 4; i++) {
            pacer.await(frame(i, 0));
            times.add(clock.millis() - start);
            clock.advanceMillis(i == 0 ? 350 : 10);
        }
        assertEquals(List.of(0L, 350L, 450L, 550L), times);
    }

    @Test
    void shouldRestartScheduleWhenTimestampsGoBackwards() throws InterruptedException {
        Pacer pacer = new Pacer(Pacing.SOURCE, 25, clock);
        assertEquals(List.of(0L, 40L, 40L, 80L), releaseTimes(pacer, new long[] {500, 540, 0, 40}, 0));
    }

    @Test
    void shouldRejectUnknownOrNonPositivePacing() {
        assertThrows(IllegalArgumentException.class, () -> Pacing.parse("realtime"));
        assertThrows(IllegalArgumentException.class, () -> Pacing.parse("fixed:0"));
        assertThrows(IllegalArgumentException.class, () -> Pacing.parse("fixed:abc"));
        assertEquals("fixed:12.5", Pacing.parse(" Fixed:12.5 ").toString());
    }
}
