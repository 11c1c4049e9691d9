package io.spikestream.inference.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/** Committed test fixtures under {@code src/test/resources/fixtures} (made by tools/reference). */
public final class Fixtures {

    private Fixtures() {}

    /**
     * Locates a fixture file.
     *
     * @param name file name
     * @return its path
     */
    public static Path path(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("Missing fixture " + name + "; run tools/reference/gen_fixtures.py");
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a {@code numpy.savez} fixture, keyed by the names given in Python.
     *
     * @param manager owner of the arrays
     * @param name file name
     * @return name to array
     */
    public static Map<String, NDArray> npz(NDManager manager, String name) {
        try (InputStream is = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (is == null) {
                throw new IllegalStateException("Missing fixture " + name + "; run tools/reference");
            }
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (NDArray a : NDList.decode(manager, is)) {
                out.put(a.getName(), a);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
