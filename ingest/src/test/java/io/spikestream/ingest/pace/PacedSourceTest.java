package io.spikestream.ingest.pace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.ingest.source.CapturedFrame;
import io.spikestream.ingest.source.FrameSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PacedSourceTest {

    @Test
    void shouldStampEachFrameAsCapturedWhenThePacerReleasesIt() throws Exception {
        FrameSource clip = new ListSource(List.of(TestFrames.frame(0, 0), TestFrames.frame(1, 40),
                TestFrames.frame(2, 80)));
        try (PacedSource paced = new PacedSource(clip, Pacing.parse("fixed:20"), PaceClock.SYSTEM)) {
            long previous = 0;
            for (int i = 0; i < 3; i++) {
                long before = System.currentTimeMillis();
                CapturedFrame frame = paced.next().orElseThrow();
                assertEquals(i, frame.index());
                long after = System.currentTimeMillis();
                assertTrue(frame.capturedAtEpochMs() >= before && frame.capturedAtEpochMs() <= after,
                        "the clip's frames were read at epoch 0; a paced frame is captured when released");
                assertTrue(i == 0 || frame.capturedAtEpochMs() - previous >= 45, "fixed:20 spaces them 50 ms apart");
                previous = frame.capturedAtEpochMs();
            }
            assertTrue(paced.next().isEmpty());
        }
    }

    /** Frames handed out in order. */
    private static final class ListSource implements FrameSource {

        private final Deque<CapturedFrame> frames;

        ListSource(List<CapturedFrame> frames) {
            this.frames = new ArrayDeque<>(frames);
        }

        @Override
        public Optional<CapturedFrame> next() {
            return Optional.ofNullable(frames.poll());
        }

        @Override
        public double frameRate() {
            return 25;
        }

        @Override
        public String name() {
            return "list";
        }

        @Override
        public String description() {
            return "frames from a list";
        }

        @Override
        public void close() {
        }
    }
}
