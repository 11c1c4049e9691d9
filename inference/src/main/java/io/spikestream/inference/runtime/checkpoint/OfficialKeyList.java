package io.spikestream.inference.runtime.checkpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The official state_dict keys and shapes, as listed by {@code tools/reference/gen_fixtures.py}
 * ({@code key<TAB>d0,d1,...}, lines starting with {@code #} are comments).
 */
public final class OfficialKeyList {

    private final String header;
    private final Map<String, long[]> shapes;

    private OfficialKeyList(String header, Map<String, long[]> shapes) {
        this.header = header;
        this.shapes = Collections.unmodifiableMap(shapes);
    }

    /**
     * Parses a list.
     *
     * @param in the TSV text (UTF-8); not closed
     * @return the list
     * @throws IOException on read errors
     * @throws IllegalArgumentException on a malformed line, naming it
     */
    public static OfficialKeyList parse(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder header = new StringBuilder();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            if (line.startsWith("#")) {
                header.append(line.substring(1).trim());
            } else if (!line.isBlank()) {
                String[] parts = line.split("\t", -1);
                if (parts.length != 2 || parts[0].isEmpty() || shapes.containsKey(parts[0])) {
                    throw new IllegalArgumentException("Bad or duplicate key line " + lineNo + ": '" + line + "'");
                }
                shapes.put(parts[0], dims(parts[1], lineNo));
            }
        }
        return new OfficialKeyList(header.toString(), shapes);
    }

    private static long[] dims(String text, int lineNo) {
        if (text.isEmpty()) {
            return new long[0];
        }
        try {
            return Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad shape '" + text + "' on line " + lineNo, e);
        }
    }

    /** The comment line(s), e.g. the parameter counts. */
    public String header() {
        return header;
    }

    /** Key to shape, in state_dict order. */
    public Map<String, long[]> shapes() {
        return shapes;
    }

    /** Weights, biases and BN affine parameters (running statistics and num_batches_tracked excluded). */
    public long learnableCount() {
        long n = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            if (!isRunningStatistic(e.getKey())) {
                n += Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
            }
        }
        return n;
    }

    /** True for {@code running_mean}, {@code running_var} and {@code num_batches_tracked}. */
    public static boolean isRunningStatistic(String key) {
        return key.endsWith("running_mean") || key.endsWith("running_var") || key.endsWith("num_batches_tracked");
    }
}
