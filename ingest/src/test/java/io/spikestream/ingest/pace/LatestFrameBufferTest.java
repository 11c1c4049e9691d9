package io.spikestream.ingest.pace;

import static io.spikestream.ingest.pace.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.ingest.source.CapturedFrame;
import io.spikestream.ingest.source.FrameSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

class LatestFrameBufferTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    /** A source that returns exactly what the test feeds it, blocking in between. */
    private static final class ControlledSource implements FrameSource {
        private static final CapturedFrame END = frame(-1, 0);
        private static final CapturedFrame FAIL = frame(-2, 0);
        final BlockingQueue<CapturedFrame> feed = new LinkedBlockingQueue<>();
        volatile boolean closed;

        @Override
        public Optional<CapturedFrame> next() throws IOException {
            CapturedFrame f;
            try {
                f = feed.take();
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            }
            if (f == FAIL) {
                throw new IOException("camera unplugged");
            }
            return f == END ? Optional.empty() : Optional.of(f);
        }

        @Override
        public double frameRate() {
            return 30;
        }

        @Override
        public String name() {
            return "controlled";
        }

        @Override
        public String description() {
            return "controlled";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static void awaitReceived(LatestFrameBuffer buffer, long n) throws InterruptedException {
        while (buffer.received() < n) {
            Thread.sleep(1);
        }
    }

    @Test
    void shouldHandSlowConsumerOnlyTheNewestFrameAndCountDrops() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ControlledSource source = new ControlledSource();
            try (LatestFrameBuffer live = LatestFrameBuffer.start(source)) {
                source.feed.addAll(List.of(frame(0, 0), frame(1, 33), frame(2, 66)));
                awaitReceived(live, 3);
                assertEquals(2, live.next().orElseThrow().index());
                assertEquals(2, live.dropped());
                source.feed.add(frame(3, 99));
                assertEquals(3, live.next().orElseThrow().index());
                source.feed.add(ControlledSource.END);
                assertTrue(live.next().isEmpty());
                assertEquals(2, live.dropped());
                assertEquals(4, live.received());
            }
            assertTrue(source.closed);
        });
    }

    @Test
    void shouldDeliverPendingFrameBeforeReportingSourceFailure() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ControlledSource source = new ControlledSource();
            try (LatestFrameBuffer live = LatestFrameBuffer.start(source)) {
                source.feed.addAll(List.of(frame(7, 0), ControlledSource.FAIL));
                awaitReceived(live, 1);
                assertEquals(7, live.next().orElseThrow().index());
                IOException e = assertThrows(IOException.class, live::next);
                assertTrue(e.getMessage().contains("camera unplugged"), e.getMessage());
            }
        });
    }

    @Test
    void shouldStopGrabbingAndCloseSourceWhenClosedWhileSourceBlocks() {
        assertTimeoutPreemptively(LIMIT, () -> {
            ControlledSource source = new ControlledSource();
            LatestFrameBuffer live = LatestFrameBuffer.start(source);
            live.close();
            assertTrue(source.closed);
            assertTrue(live.next().isEmpty());
        });
    }

    @Test
    void shouldPaceReplayAndKeepEveryFrame() throws IOException {
        ControlledSource source = new ControlledSource();
        source.feed.addAll(List.of(frame(0, 0), frame(1, 40), frame(2, 80), ControlledSource.END));
        FakeClock clock = new FakeClock();
        try (FrameSource replay = Delivery.REPLAY.wrap(source, Pacing.SOURCE, clock)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(i, replay.next().orElseThrow().index());
            }
            assertTrue(replay.next().isEmpty());
        }
        assertEquals(List.of(40_000_000L, 40_000_000L), clock.sleeps);
    }
}
