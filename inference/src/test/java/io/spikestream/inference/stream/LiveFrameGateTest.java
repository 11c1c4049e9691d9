package io.spikestream.inference.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.FrameDelivery;
import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.avro.Skip;
import io.spikestream.schemas.avro.SkipReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveFrameGateTest {

    private static final long NOW = 1_700_000_000_000L;
    private final AtomicLong time = new AtomicLong(NOW);
    private final LiveFrameGate gate = new LiveFrameGate(1000, new SuppliedClock(time::get));

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
    void shouldLearnTheServiceTimeFromReplayFramesWithoutGivingTheirCameraTurns() {
        gate.served(frame("replay", 0, FrameDelivery.REPLAY), 300);
        assertEquals(300, gate.expectedServiceMillis());
        for (int i = 0; i < 5; i++) {
            assertTrue(gate.check(frameCapturedAt("replay", NOW - 3_600_000 + 40 * i, FrameDelivery.REPLAY)).isEmpty());
        }
        assertTrue(admittedAt(0, "a", 0));
        assertTrue(admittedAt(100, "a", 100), "replay frames never take a live camera's turn");
    }

    @Test
    void shouldNeverSkipAReplayFrame() {
        gate.served(frame(0, FrameDelivery.LIVE), 400);
        assertTrue(gate.check(frame(3_600_000, FrameDelivery.REPLAY)).isEmpty());
    }

    @Test
    void shouldGiveUpATurnWhileACameraLetThroughLongerAgoHasAYoungFrameWaiting() {
        assertTrue(admittedAt(0, "b", 0));
        assertTrue(admittedAt(1, "a", 1));
        assertTrue(admittedAt(200, "b", 190), "b's frame interval is now known: 190 ms");
        assertTrue(admittedAt(400, "a", 390), "b was let through more recently");
        assertEquals(SkipReason.FAIR_SHARE, checkAt(410, "a", 400).orElseThrow().getReason(),
                "b's frame captured at 380 is waiting, and a had its turn after b's");
        assertTrue(admittedAt(411, "b", 380), "b goes first");
        assertTrue(admittedAt(420, "a", 410), "then a again");
        assertTrue(admittedAt(421, "a", 410), "a frame let through stays let through when checked again");
    }

    @Test
    void shouldNotGiveUpATurnForAFrameNotCapturedYet() {
        assertTrue(admittedAt(0, "slow", 0));
        assertTrue(admittedAt(1000, "slow", 1000));
        assertTrue(admittedAt(1001, "a", 1000));
        assertTrue(admittedAt(1100, "a", 1100));
        assertTrue(admittedAt(1500, "a", 1500), "slow's next frame is due at 2000");
    }

    @Test
    void shouldNotGiveUpATurnForAFrameThatWouldAlreadyBeTooOld() {
        assertTrue(admittedAt(0, "stopped", 0));
        assertTrue(admittedAt(100, "stopped", 100));
        assertTrue(admittedAt(101, "a", 100));
        assertTrue(admittedAt(1250, "a", 1250), "stopped's frame due at 200 would be 1050 ms old: no turn to wait for");
    }

    @Test
    void shouldForgetACameraNotSeenForTwiceTheBudget() {
        assertTrue(admittedAt(0, "b", 0));
        assertTrue(admittedAt(1, "a", 1));
        assertTrue(admittedAt(2, "b", 2));
        assertTrue(admittedAt(3, "a", 3));
        assertTrue(admittedAt(2010, "a", 2010), "b was last seen 2008 ms ago");
    }

    private boolean admittedAt(long millis, String camera, long captureMillis) {
        return checkAt(millis, camera, captureMillis).isEmpty();
    }

    private Optional<Skip> checkAt(long millis, String camera, long captureMillis) {
        time.set(NOW + millis);
        return gate.check(frameCapturedAt(camera, NOW + captureMillis));
    }

    @Test
    void shouldShareTheModelBetweenCamerasAtOneToThreeRatesInOnePartitionWithoutIdling() {
        Map<String, Integer> segmented = simulatePartition(60_000, 400, Map.of("slow", 560L, "fast", 187L));
        int total = segmented.values().stream().mapToInt(Integer::intValue).sum();
        double slowShare = segmented.get("slow") / (double) total;
        assertTrue(total >= 0.95 * 60_000 / 400, "the model idled: " + segmented);
        assertTrue(slowShare > 0.45 && slowShare < 0.55, "shares " + segmented);
    }

    @Test
    void shouldSegmentEveryFrameOfACameraOfferingLessThanItsShare() {
        Map<String, Integer> segmented = simulatePartition(60_000, 400, Map.of("slow", 1000L, "fast", 100L));
        int total = segmented.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(total >= 0.95 * 60_000 / 400, "the model idled: " + segmented);
        assertTrue(segmented.get("slow") >= 57, "slow offered 59 frames, half the model's 150: " + segmented);
    }

    /**
     * One partition's frames, in capture order, worked through by one stream thread: a frame the gate lets through
     * takes {@code serviceMillis} of the clock, a skipped one none (checked twice, as the processor does); a camera's
     * frame arrives 20 ms after capture.
     */
    private Map<String, Integer> simulatePartition(long millis, long serviceMillis, Map<String, Long> intervals) {
        List<Frame> partition = new ArrayList<>();
        intervals.forEach((camera, interval) -> {
            for (long capture = interval; capture < millis; capture += interval) {
                partition.add(frameCapturedAt(camera, NOW + capture));
            }
        });
        partition.sort(Comparator.comparing(Frame::getCaptureTime));
        Map<String, Integer> segmented = new TreeMap<>();
        for (Frame frame : partition) {
            time.set(Math.max(time.get(), frame.getCaptureTime().toEpochMilli() + 20));
            if (gate.check(frame).isEmpty() && gate.check(frame).isEmpty()) {
                time.addAndGet(serviceMillis);
                gate.served(frame, serviceMillis);
                segmented.merge(frame.getCameraId(), 1, Integer::sum);
            }
        }
        return segmented;
    }

    private Frame frame(long ageMillis, FrameDelivery delivery) {
        return frame("cam", ageMillis, delivery);
    }

    private Frame frame(String camera, long ageMillis) {
        return frame(camera, ageMillis, FrameDelivery.LIVE);
    }

    private Frame frame(String camera, long ageMillis, FrameDelivery delivery) {
        return frameCapturedAt(camera, time.get() - ageMillis, delivery);
    }

    private static Frame frameCapturedAt(String camera, long captureMillis) {
        return frameCapturedAt(camera, captureMillis, FrameDelivery.LIVE);
    }

    private static Frame frameCapturedAt(String camera, long captureMillis, FrameDelivery delivery) {
        return Frame.newBuilder().setCameraId(camera).setSequence(0)
                .setCaptureTime(Instant.ofEpochMilli(captureMillis))
                .setWidth(2).setHeight(2).setEncoding(ImageEncoding.PNG).setImage(ByteBuffer.wrap(new byte[] {1}))
                .setDelivery(delivery).build();
    }
}
