package io.spikestream.inference.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.FrameDelivery;
import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.avro.SkipReason;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveFrameGateTest {

    private static final long NOW = 1_700_000_000_000L;
    private final AtomicLong time = new AtomicLong(NOW);
    private final LiveFrameGate gate = new LiveFrameGate(1000, new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(time.get());
        }
    });

    @Test
    void shouldSegmentALiveFrameUpToTheMaxAgeWhileNoServiceTimeIsKnown() {
        assertTrue(gate.check(frame(1000, FrameDelivery.LIVE)).isEmpty());
        assertEquals(1001, gate.check(frame(1001, FrameDelivery.LIVE)).orElseThrow().getAgeMillis());
    }

    @Test
    void shouldLeaveRoomForTheTimeAFrameTakesToItsResult() {
        gate.served(frame(0, FrameDelivery.LIVE), 300);
        assertEquals(300, gate.expectedServiceMillis());
        assertTrue(gate.check(frame(700, FrameDelivery.LIVE)).isEmpty());
        assertTrue(gate.check(frame(701, FrameDelivery.LIVE)).isPresent(), "701 ms + 300 ms would exceed 1000 ms");
    }

    @Test
    void shouldKeepAtLeastHalfTheBudgetForWaitingWhenTheStageIsSlowerThanIt() {
        gate.served(frame(0, FrameDelivery.LIVE), 5000);
        assertEquals(500, gate.expectedServiceMillis());
        assertTrue(gate.check(frame(500, FrameDelivery.LIVE)).isEmpty(), "the freshest frames are still segmented");
    }

    @Test
    void shouldAverageServiceTimes() {
        gate.served(frame(0, FrameDelivery.LIVE), 100);
        gate.served(frame(0, FrameDelivery.LIVE), 200);
        assertEquals(120, gate.expectedServiceMillis());
    }

    @Test
    void shouldLearnTheServiceTimeFromReplayFramesWithoutCountingTheirCameraForFairShare() {
        gate.served(frame("replay", 0, FrameDelivery.REPLAY), 300);
        assertEquals(300, gate.expectedServiceMillis());
        gate.served(frame("a", 0), 300);
        time.addAndGet(100);
        assertTrue(gate.check(frame("b", 800)).isPresent());
        assertTrue(gate.check(frame("a", 10)).isPresent(), "b is starving and was never served");
        assertTrue(gate.check(frame("c", 10)).isEmpty(), "c was never served either: no turn to give up");
    }

    @Test
    void shouldNeverSkipAReplayFrame() {
        gate.served(frame(0, FrameDelivery.LIVE), 400);
        assertTrue(gate.check(frame(3_600_000, FrameDelivery.REPLAY)).isEmpty());
    }

    @Test
    void shouldGiveUpATurnWhileAnotherCameraServedLongerAgoIsStarving() {
        gate.served(frame("a", 0), 100);
        time.addAndGet(100);
        assertEquals(SkipReason.TOO_OLD, gate.check(frame("b", 950)).orElseThrow().getReason());
        assertEquals(SkipReason.FAIR_SHARE, gate.check(frame("a", 10)).orElseThrow().getReason(),
                "a had its turn; b's frames are ageing out");
        assertTrue(gate.check(frame("b", 10)).isEmpty(), "the starving camera goes first");
        gate.served(frame("b", 0), 100);
        time.addAndGet(100);
        assertTrue(gate.check(frame("a", 10)).isEmpty(), "nobody is starving any more");
    }

    @Test
    void shouldForgetAStarvingCameraThatStoppedSendingFrames() {
        gate.served(frame("a", 0), 100);
        assertTrue(gate.check(frame("b", 990)).isPresent());
        time.addAndGet(2001);
        assertTrue(gate.check(frame("a", 10)).isEmpty());
    }

    private Frame frame(long ageMillis, FrameDelivery delivery) {
        return frame("cam", ageMillis, delivery);
    }

    private Frame frame(String camera, long ageMillis) {
        return frame(camera, ageMillis, FrameDelivery.LIVE);
    }

    private Frame frame(String camera, long ageMillis, FrameDelivery delivery) {
        return Frame.newBuilder().setCameraId(camera).setSequence(0)
                .setCaptureTime(Instant.ofEpochMilli(time.get() - ageMillis))
                .setWidth(2).setHeight(2).setEncoding(ImageEncoding.PNG).setImage(ByteBuffer.wrap(new byte[] {1}))
                .setDelivery(delivery).build();
    }
}
