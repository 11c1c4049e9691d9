package io.spikestream.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static IngestProgress progress(long sent, OptionalLong total, double fps, long elapsedSeconds) {
        return new IngestProgress(sent, sent, 0, 0, 0, 0, total, fps, Duration.ofSeconds(elapsedSeconds), false);
    }

    @Test
    void shouldDrawBarCountRateAndEtaWhenTotalIsKnown() {
        IngestProgress p = progress(120, OptionalLong.of(300), 14.8, 8);
        assertEquals("[####......] 120/300 frames 14.8 fps ETA 13s", ProgressBar.render(p, 10));
        assertEquals("[##########] 300/300 frames 14.8 fps ETA 0s",
                ProgressBar.render(progress(300, OptionalLong.of(300), 14.8, 20), 10));
    }

    @Test
    void shouldDrawCountAndRateOnlyWhenTotalIsUnknown() {
        IngestProgress p = new IngestProgress(42, 40, 3, 1, 2, 0, OptionalLong.empty(), 25, Duration.ofSeconds(2),
                false);
        assertEquals("42 frames 25.0 fps, 3 dropped, 2 reconnects, 1 failed", ProgressBar.render(p, 10));
        assertEquals("[..........] 0/50 frames 0.0 fps ETA --",
                ProgressBar.render(progress(0, OptionalLong.of(50), 0, 0), 10));
    }

    @Test
    void shouldFormatLongEtasInMinutesAndHours() {
        assertEquals("3m05s", ProgressBar.duration(Duration.ofSeconds(185)));
        assertEquals("1h02m", ProgressBar.duration(Duration.ofMinutes(62)));
        assertEquals("1s", ProgressBar.duration(Duration.ofMillis(200)));
    }

    @Test
    void shouldRedrawInPlaceAndEraseLongerLinesWhenOnATerminal() {
        StringBuilder out = new StringBuilder();
        ProgressBar bar = new ProgressBar(out, true, 4, Duration.ofSeconds(10));
        IngestProgress first = new IngestProgress(5, 5, 7, 0, 0, 0, OptionalLong.empty(), 10, Duration.ofSeconds(1),
                false);
        bar.onProgress(first);
        bar.onProgress(progress(6, OptionalLong.empty(), 10, 2));
        String lines = out.toString();
        assertEquals("\r5 frames 10.0 fps, 7 dropped\r6 frames 10.0 fps           ", lines);
        bar.onFinished(progress(6, OptionalLong.empty(), 10, 2), Optional.empty());
        assertTrue(out.toString().endsWith("\r6 frames 10.0 fps done" + System.lineSeparator()));
    }

    @Test
    void shouldPrintPlainLinesAtMostEveryIntervalWhenNotATerminal() {
        StringBuilder out = new StringBuilder();
        ProgressBar bar = new ProgressBar(out, false, 4, Duration.ofSeconds(10));
        for (int s = 0; s <= 25; s++) {
            bar.onProgress(progress(s, OptionalLong.of(100), 1, s));
        }
        bar.onFinished(progress(26, OptionalLong.of(100), 1, 26), Optional.of(new RuntimeException("x")));
        String[] lines = out.toString().split(System.lineSeparator());
        assertEquals(4, lines.length, out.toString());
        assertTrue(lines[1].startsWith("[....] 10/100"), lines[1]);
        assertTrue(lines[2].startsWith("[....] 20/100"), lines[2]);
        assertTrue(lines[3].endsWith("FAILED"), lines[3]);
        assertTrue(!out.toString().contains("\r"));
    }
}
