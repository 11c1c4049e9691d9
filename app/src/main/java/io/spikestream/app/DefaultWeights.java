package io.spikestream.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The weights shipped on the classpath, {@code io/spikestream/weights/<preset>.params} (+ {@code .properties}),
 * as a file: used in place when the classpath is a folder, copied to a temporary folder from a jar.
 */
final class DefaultWeights {

    private static final String FOLDER = "io/spikestream/weights/";

    private DefaultWeights() {}

    /**
     * @param preset the architecture, e.g. {@code tiny-cityscapes}
     * @return the weights file
     * @throws IllegalArgumentException when no weights are shipped for the preset
     * @throws IOException when copying out of the jar fails
     */
    static Path resolve(String preset) throws IOException {
        String name = FOLDER + preset + ".params";
        URL url = DefaultWeights.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no default weights are shipped for " + preset + " yet (expected "
                    + name + " on the classpath); train them with 'spikestream train --preset " + preset
                    + " --data synthetic --out DIR' (docs/training.md) and pass --weights DIR/final.params");
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IOException("bad resource URL " + url, e);
            }
        }
        Path dir = Files.createTempDirectory("spikestream-weights");
        copy(name, dir.resolve(preset + ".params"));
        copy(FOLDER + preset + ".properties", dir.resolve(preset + ".properties"));
        return dir.resolve(preset + ".params");
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = DefaultWeights.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("incomplete default weights: " + resource + " is missing");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().deleteOnExit();
    }
}
