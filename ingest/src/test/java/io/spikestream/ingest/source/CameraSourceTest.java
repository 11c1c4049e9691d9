package io.spikestream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.ingest.source.FakeGrabber.After;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.Test;

class CameraSourceTest {

    private static final ReconnectPolicy POLICY = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(250), 3);

    private final List<Duration> sleeps = new ArrayList<>();

    private CameraSource camera(CameraSettings settings, FakeGrabber... script) {
        Deque<FakeGrabber> grabbers = new ArrayDeque<>(List.of(script));
        CameraSource.GrabberFactory factory = () -> {
            if (grabbers.isEmpty()) {
                throw new FrameGrabber.Exception("no more fake grabbers");
            }
            return grabbers.poll();
        };
        return new CameraSource(settings, factory, sleeps::add);
    }

    private static CameraSettings rtsp() {
        return CameraSettings.of("rtsp://cam.example/stream", "cam-1").withReconnect(POLICY);
    }

    @Test
    void shouldConnectWithBackoffWhenFirstTwoAttemptsFail() throws IOException {
        CameraSource cam = camera(rtsp(), FakeGrabber.failing(), FakeGrabber.failing(),
                FakeGrabber.delivering(3, After.END));
        List<CapturedFrame> frames = List.of(cam.next().orElseThrow(), cam.next().orElseThrow(),
                cam.next().orElseThrow());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
        assertEquals(List.of(0L, 1L, 2L), frames.stream().map(CapturedFrame::index).toList());
        assertEquals(2, cam.failedConnects());
        assertEquals(0, cam.reconnects());
        assertEquals("cam-1", frames.get(0).sourceName());
    }

    @Test
    void shouldReconnectWithoutThrowingWhenStreamDropsAndGiveUpAfterMaxAttempts() throws IOException {
        FakeGrabber first = FakeGrabber.delivering(2, After.THROW);
        CameraSource cam = camera(rtsp(), first, FakeGrabber.delivering(2, After.END), FakeGrabber.failing());
        List<CapturedFrame> frames = new ArrayList<>();
        IOException gaveUp = assertThrows(IOException.class, () -> {
            while (true) {
                frames.add(cam.next().orElseThrow());
            }
        });
        assertEquals(List.of(0L, 1L, 2L, 3L), frames.stream().map(CapturedFrame::index).toList());
        assertEquals(4, frames.stream().map(f -> f.rgbAt(0, 0)).distinct().count());
        assertTrue(first.closed);
        assertEquals(1, cam.reconnects());
        assertEquals(2, cam.drops());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
        assertTrue(gaveUp.getMessage().contains("cam-1") && gaveUp.getMessage().contains("giving up"),
                gaveUp.getMessage());
        assertTrue(cam.next().isEmpty());
    }

    @Test
    void shouldEndWithoutReconnectingWhenFiniteStreamEnds() throws IOException {
        CameraSource fileUrl = camera(rtsp().withFinite(true), FakeGrabber.delivering(2, After.END));
        assertEquals(2, VideoFileSourceTest.readAll(fileUrl).size());
        CameraSource withDuration = camera(rtsp(), FakeGrabber.finiteFile(1));
        assertEquals(1, VideoFileSourceTest.readAll(withDuration).size());
        assertEquals(0, fileUrl.drops() + withDuration.drops());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void shouldCopyEachFrameOutOfTheReusedGrabberBuffer() throws IOException {
        CameraSource cam = camera(rtsp(), FakeGrabber.delivering(2, After.END));
        CapturedFrame a = cam.next().orElseThrow();
        CapturedFrame b = cam.next().orElseThrow();
        assertNotEquals(a.rgbAt(3, 1), b.rgbAt(3, 1));
        assertEquals(a.rgbAt(0, 0), a.rgbAt(3, 1));
    }

    @Test
    void shouldSetMicrosecondTimeoutsAndTcpTransportWhenCameraIsRtsp() throws Exception {
        CameraSettings settings = CameraSettings.of("rtsp://cam/1", null).withIoTimeout(Duration.ofSeconds(3));
        try (FFmpegFrameGrabber g = settings.configure(new FFmpegFrameGrabber(settings.url()))) {
            assertEquals("3000000", g.getOption("timeout"));
            assertEquals("3000000", g.getOption("rw_timeout"));
            assertEquals("tcp", g.getOption("rtsp_transport"));
        }
        CameraSettings v4l2 = CameraSettings.v4l2("/dev/video0", "usb");
        try (FFmpegFrameGrabber g = v4l2.configure(new FFmpegFrameGrabber(v4l2.url()))) {
            assertEquals("video4linux2", g.getFormat());
            assertNull(g.getOption("timeout"));
        }
    }

    @Test
    void shouldDoubleDelayUpToMaxAndGiveUpOnlyWhenAttemptsAreLimited() {
        assertEquals(List.of(100L, 200L, 250L, 250L),
                List.of(1, 2, 3, 30).stream().map(n -> POLICY.delayAfter(n).toMillis()).toList());
        assertFalse(POLICY.givesUpAfter(2));
        assertTrue(POLICY.givesUpAfter(3));
        assertFalse(ReconnectPolicy.DEFAULT.givesUpAfter(1_000_000));
        assertThrows(IllegalArgumentException.class,
                () -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 0));
    }

    @Test
    void shouldConnectLazilyAndUseNominalRateUntilConnected() throws IOException {
        int[] created = {0};
        CameraSource cam = new CameraSource(rtsp(), () -> {
            created[0]++;
            return FakeGrabber.delivering(1, After.END);
        }, sleeps::add);
        assertEquals(0, created[0]);
        assertEquals(25.0, cam.frameRate());
        assertEquals("camera cam-1 (rtsp://cam.example/stream)", cam.description());
        cam.next().orElseThrow();
        assertEquals(1, created[0]);
        cam.close();
        assertTrue(cam.next().isEmpty());
        assertEquals(1, created[0]);
    }
}
