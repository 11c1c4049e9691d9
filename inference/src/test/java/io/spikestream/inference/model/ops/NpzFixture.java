package io.spikestream.inference.model.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Reads a {@code numpy.savez} fixture from the test resources, keyed by the names given in Python. */
final class NpzFixture {

    private NpzFixture() {}

    static Map<String, NDArray> load(NDManager manager, String resource) {
        InputStream in = NpzFixture.class.getResourceAsStream(resource);
        Assumptions.assumeTrue(in != null, "fixture " + resource + " is absent; run tools/reference");
        try (InputStream is = in) {
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
