package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code label: value} lines the benches print (checks read them). */
final class BenchLines {

    private BenchLines() {}

    /**
     * The number after {@code label: } at the start of a line.
     *
     * @param out the bench's output
     * @param label the label
     * @return the number
     */
    static double value(String out, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + ": ([0-9.]+)").matcher(out);
        assertTrue(m.find(), "no line '" + label + ": <number>' in\n" + out);
        return Double.parseDouble(m.group(1));
    }
}
