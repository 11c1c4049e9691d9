package io.spikestream.app;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** A {@link PrintStream} that hands each finished line to a {@link PrintWriter} (the command's output) at once. */
final class LineStream extends OutputStream {

    private final PrintWriter out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private LineStream(PrintWriter out) {
        this.out = out;
    }

    /** @return a print stream writing through to {@code out} line by line */
    static PrintStream to(PrintWriter out) {
        return new PrintStream(new LineStream(out), true, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            out.println(line.toString(StandardCharsets.UTF_8));
            out.flush();
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public void flush() {
        out.flush();
    }
}
