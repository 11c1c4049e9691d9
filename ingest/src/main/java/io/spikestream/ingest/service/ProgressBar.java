package io.spikestream.ingest.service;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Draws ingest progress as one text line, e.g. {@code [#####.....] 120/300 frames 14.8 fps ETA 12s}, or
 * {@code 120 frames 14.8 fps} when the total is unknown, followed by drops, reconnects and failures when there
 * are any.
 *
 * <p>On a terminal the line is redrawn in place ({@code \r}, padded to erase a longer previous line) at every
 * report; on other streams (logs, pipes) a plain line is printed at most every {@code plainInterval} of run
 * time, and always at the end.
 */
public final class ProgressBar implements IngestListener {

    public static final int DEFAULT_WIDTH = 30;
    public static final Duration DEFAULT_PLAIN_INTERVAL = Duration.ofSeconds(10);

    private final Appendable out;
    private final boolean terminal;
    private final int width;
    private final Duration plainInterval;
    private int lastLength;
    private Duration lastPlain;

    /**
     * @param out where to draw
     * @param terminal whether {@code out} is a terminal (redraw in place)
     * @param width bar width in characters
     * @param plainInterval minimum run time between plain lines
     */
    public ProgressBar(Appendable out, boolean terminal, int width, Duration plainInterval) {
        if (width < 1) {
            throw new IllegalArgumentException("Progress bar width must be positive, got " + width);
        }
        this.out = out;
        this.terminal = terminal;
        this.width = width;
        this.plainInterval = plainInterval;
    }

    /** A bar on {@code out} with the default width and interval; in place when {@code out} is a terminal. */
    public static ProgressBar on(PrintStream out, boolean terminal) {
        return new ProgressBar(out, terminal, DEFAULT_WIDTH, DEFAULT_PLAIN_INTERVAL);
    }

    /** Whether this JVM's standard output is an interactive terminal. */
    public static boolean stdoutIsTerminal() {
        return System.console() != null;
    }

    @Override
    public void onProgress(IngestProgress progress) {
        if (terminal) {
            redraw(render(progress, width), false);
        } else if (lastPlain == null || progress.elapsed().minus(lastPlain).compareTo(plainInterval) >= 0) {
            lastPlain = progress.elapsed();
            write(render(progress, width) + System.lineSeparator());
        }
    }

    @Override
    public void onFinished(IngestProgress progress, Optional<Throwable> failure) {
        String line = render(progress, width) + (failure.isPresent() ? " FAILED" : " done");
        if (terminal) {
            redraw(line, true);
        } else {
            write(line + System.lineSeparator());
        }
    }

    private void redraw(String line, boolean last) {
        String pad = " ".repeat(Math.max(lastLength - line.length(), 0));
        lastLength = line.length();
        write("\r" + line + pad + (last ? System.lineSeparator() : ""));
    }

    private void write(String text) {
        try {
            out.append(text);
            if (out instanceof PrintStream ps) {
                ps.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot draw the progress bar", e);
        }
    }

    /** The progress line without control characters. */
    public static String render(IngestProgress p, int width) {
        StringBuilder s = new StringBuilder();
        if (p.total().isPresent()) {
            int filled = (int) Math.floor(p.fraction().orElse(0.0) * width);
            s.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
            s.append(p.framesSent()).append('/').append(p.total().getAsLong());
        } else {
            s.append(p.framesSent());
        }
        s.append(String.format(Locale.ROOT, " frames %.1f fps", p.framesPerSecond()));
        if (p.total().isPresent() && !p.finished()) {
            s.append(" ETA ").append(p.eta().map(ProgressBar::duration).orElse("--"));
        }
        appendCount(s, p.framesDropped(), "dropped");
        appendCount(s, p.reconnects(), "reconnects");
        appendCount(s, p.sendFailures(), "failed");
        return s.toString();
    }

    private static void appendCount(StringBuilder s, long n, String what) {
        if (n > 0) {
            s.append(", ").append(n).append(' ').append(what);
        }
    }

    /** {@code 12s}, {@code 3m05s} or {@code 1h02m}. */
    static String duration(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
