package io.spikestream.ingest.source;

import static io.spikestream.ingest.source.TestVideos.FRAMES;
import static io.spikestream.ingest.source.TestVideos.HEIGHT;
import static io.spikestream.ingest.source.TestVideos.SQUARE;
import static io.spikestream.ingest.source.TestVideos.SQUARE_Y;
import static io.spikestream.ingest.source.TestVideos.WIDTH;
import static io.spikestream.ingest.source.TestVideos.squareX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFileSourceTest {

    @TempDir
    static Path dir;

    static Path video;

    @BeforeAll
    static void writeVideo() throws IOException {
        video = TestVideos.writeMovingSquare(dir.resolve("square.avi"));
    }

    @Test
    void shouldDecodeEveryFrameWithSizeRateAndCountWhenReadingAvi() throws IOException {
        try (VideoFileSource source = VideoFileSource.open(video, null)) {
            assertEquals(FRAMES, source.frameCount().orElseThrow());
            assertEquals(TestVideos.FPS, source.frameRate(), 1e-6);
            assertEquals("square.avi", source.name());
            List<CapturedFrame> frames = readAll(source);
            assertEquals(FRAMES, frames.size());
            for (CapturedFrame f : frames) {
                assertEquals(WIDTH, f.width());
                assertEquals(HEIGHT, f.height());
                assertEquals(f.index() * 1000 / TestVideos.FPS, f.timestampMs());
                assertSquareAt(f, squareX(f.index()));
            }
            assertTrue(source.next().isEmpty());
        }
    }

    @Test
    void shouldKeepEarlierFramesIntactWhenGrabberReusesItsBuffer() throws IOException {
        try (VideoFileSource source = VideoFileSource.open(video, "cam")) {
            CapturedFrame first = source.next().orElseThrow();
            CapturedFrame second = source.next().orElseThrow();
            source.next().orElseThrow();
            assertFalse(first.rgb().equals(second.rgb()));
            assertSquareAt(first, squareX(0));
            assertSquareAt(second, squareX(1));
            assertEquals("cam", first.sourceName());
        }
    }

    @Test
    void shouldNameFileWhenItIsMissingOrNotAVideo() throws IOException {
        Path missing = dir.resolve("missing.mp4");
        assertThrows(NoSuchFileException.class, () -> VideoFileSource.open(missing, null));
        Path junk = Files.writeString(dir.resolve("junk.mp4"), "not a video");
        InputException e = assertThrows(InputException.class, () -> VideoFileSource.open(junk, null));
        assertTrue(e.getMessage().startsWith("cannot read video file " + junk + ": FFmpeg cannot decode it ("),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void shouldSayHowManyFramesOfHowManyAndWhereWhenAFileIsTruncated() throws IOException {
        Path cut = truncatedCopy("cut.avi");
        try (VideoFileSource source = VideoFileSource.open(cut, null)) {
            int read = 0;
            InputException e = null;
            try {
                while (source.next().isPresent()) {
                    read++;
                }
            } catch (InputException end) {
                e = end;
            }
            assertTrue(e != null, "a truncated file must not end normally (read " + read + " frames)");
            assertTrue(read > 0 && read < FRAMES, "read " + read);
            // FFmpeg's count for the cut file comes from what is left of its header (here 10 of the 20 written)
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("cut.avi ended after " + read
                    + " of the ([0-9]+) frames its container announces").matcher(e.getMessage());
            assertTrue(m.find() && Integer.parseInt(m.group(1)) > read, e.getMessage());
            assertTrue(e.getMessage().contains("after frame " + (read - 1) + " at "), e.getMessage());
            assertTrue(e.getMessage().contains("--allow-truncated"), e.getMessage());
        }
    }

    @Test
    void shouldEndATruncatedFileNormallyWhenAllowed() throws IOException {
        try (VideoFileSource source = VideoFileSource.open(truncatedCopy("allowed.avi"), null, true)) {
            int read = readAll(source).size();
            assertTrue(read > 0 && read < FRAMES, "read " + read);
            assertTrue(source.next().isEmpty());
        }
    }

    @Test
    void shouldNameTheFileAndTheReasonWhenItIsEmpty() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        InputException e = assertThrows(InputException.class, () -> VideoFileSource.open(empty, null));
        assertEquals("cannot read video file " + empty + ": the file is empty", e.getMessage());
    }

    private static Path truncatedCopy(String name) throws IOException {
        byte[] whole = Files.readAllBytes(video);
        return Files.write(dir.resolve(name), java.util.Arrays.copyOf(whole, whole.length / 2));
    }

    static void assertSquareAt(CapturedFrame f, int x0) {
        int inside = f.rgbAt(x0 + SQUARE / 2, SQUARE_Y + SQUARE / 2);
        assertTrue((inside >> 16 & 0xff) > 200 && (inside >> 8 & 0xff) < 60 && (inside & 0xff) < 60,
                () -> f + ": expected red at the square, got " + Integer.toHexString(inside));
        int outside = f.rgbAt(x0 + SQUARE / 2, SQUARE_Y - 20);
        assertEquals(40, outside >> 16 & 0xff, 12, () -> f + ": expected grey above the square");
        int left = f.rgbAt(Math.max(x0 - 4, 0), SQUARE_Y + SQUARE / 2);
        assertTrue((left >> 16 & 0xff) < 120, () -> f + ": square starts too early");
    }

    static List<CapturedFrame> readAll(FrameSource source) throws IOException {
        List<CapturedFrame> frames = new ArrayList<>();
        for (Optional<CapturedFrame> f = source.next(); f.isPresent(); f = source.next()) {
            frames.add(f.get());
        }
        return frames;
    }
}
