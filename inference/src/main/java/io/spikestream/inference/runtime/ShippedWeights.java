package io.spikestream.inference.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The weights shipped on the classpath, {@code io/spikestream/weights/<preset>.params} (+ {@code .properties}),
 * as a file: used in place when the classpath is a folder, copied to a temporary folder from a jar (once per
 * JVM and preset).
 * docs/training.md gives the command that made them.
 */
public final class ShippedWeights {

    private static final String FOLDER = "io/spikestream/weights/";
    /** Files already extracted in this JVM, by preset: a jar's 16 MB are copied out once, not per lookup. */
    private static final Map<String, Path> EXTRACTED = new HashMap<>();

    private ShippedWeights() {}

    /**
     * @param preset the architecture, e.g. {@code tiny-cityscapes}
     * @return whether weights are shipped for it
     */
    public static boolean exist(String preset) {
        return url(preset) != null;
    }

    /**
     * @param preset the architecture, e.g. {@code tiny-cityscapes}
     * @return the weights file, if weights are shipped for the preset
     * @throws IOException when copying out of the jar fails
     */
    public static synchronized Optional<Path> find(String preset) throws IOException {
        URL url = url(preset);
        if (url == null) {
            return Optional.empty();
        }
        Path file = EXTRACTED.get(preset);
        if (file == null) {
            file = file(url, preset);
            EXTRACTED.put(preset, file);
        }
        return Optional.of(file);
    }

    /** The resource as a file: in place from a classpath folder, else copied out of its jar. */
    private static Path file(URL url, String preset) throws IOException {
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("bad resource URL " + url, e);
            }
        }
        Path dir = Files.createTempDirectory("spikestream-weights");
        copy(FOLDER + preset + ".params", dir.resolve(preset + ".params"));
        copy(FOLDER + preset + ".properties", dir.resolve(preset + ".properties"));
        return dir.resolve(preset + ".params");
    }

    /**
     * @param preset the architecture, e.g. {@code tiny-cityscapes}
     * @return the weights file
     * @throws IllegalArgumentException when no weights are shipped for the preset, saying what to do instead
     * @throws IOException when copying out of the jar fails
     */
    public static Path resolve(String preset) throws IOException {
        return find(preset).orElseThrow(() -> new IllegalArgumentException("no weights are shipped for " + preset
                + " (only for presets whose " + FOLDER + "<preset>.params is on the classpath); give an official"
                + " .pth or a .params file, train one with 'spikestream train --preset " + preset + " --out DIR'"
                + " (docs/training.md), or use 'random'"));
    }

    private static URL url(String preset) {
        return ShippedWeights.class.getClassLoader().getResource(FOLDER + preset + ".params");
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = ShippedWeights.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("incomplete shipped weights: " + resource + " is missing");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().deleteOnExit();
    }
}
