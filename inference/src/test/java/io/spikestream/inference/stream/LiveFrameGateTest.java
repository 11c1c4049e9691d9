package io.spikestream.inference.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.FrameDelivery;
import io.spikestream.schemas.avro.ImageEncoding;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LiveFrameGateTest {

    private static final long NOW = 1_700_000_000_000L;
    private final LiveFrameGate gate = new LiveFrameGate(1000, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    @Test
    void shouldSegmentALiveFrameUpToTheMaxAgeWhileNoServiceTimeIsKnown() {
        assertTrue(gate.check(frame(1000, FrameDelivery.LIVE)).isEmpty());
        assertEquals(1001, gate.check(frame(1001, FrameDelivery.LIVE)).orElseThrow().getAgeMillis());
    }

    @Test
    void shouldLeaveRoomForTheTimeAFrameTakesToItsResult() {
        gate.served(300);
        assertEquals(300, gate.expectedServiceMillis());
        assertTrue(gate.check(frame(700, FrameDelivery.LIVE)).isEmpty());
        assertTrue(gate.check(frame(701, FrameDelivery.LIVE)).isPresent(), "701 ms + 300 ms would exceed 1000 ms");
    }

    @Test
    void shouldKeepAtLeastHalfTheBudgetForWaitingWhenTheStageIsSlowerThanIt() {
        gate.served(5000);
        assertEquals(500, gate.expectedServiceMillis());
        assertTrue(gate.check(frame(500, FrameDelivery.LIVE)).isEmpty(), "the freshest frames are still segmented");
    }

    @Test
    void shouldAverageServiceTimes() {
        gate.served(100);
        gate.served(200);
        assertEquals(120, gate.expectedServiceMillis());
    }

    @Test
    void shouldNeverSkipAReplayFrame() {
        gate.served(400);
        assertTrue(gate.check(frame(3_600_000, FrameDelivery.REPLAY)).isEmpty());
    }

    private static Frame frame(long ageMillis, FrameDelivery delivery) {
        return Frame.newBuilder().setCameraId("cam").setSequence(0).setCaptureTime(Instant.ofEpochMilli(NOW - ageMillis))
                .setWidth(2).setHeight(2).setEncoding(ImageEncoding.PNG).setImage(ByteBuffer.wrap(new byte[] {1}))
                .setDelivery(delivery).build();
    }
}
