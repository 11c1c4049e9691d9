package io.spikestream.inference.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The weights shipped on the classpath, {@code io/spikestream/weights/<preset>.params} (+ {@code .properties}),
 * as a file: used in place when the classpath is a folder, copied out of a jar otherwise.
 *
 * <p>A jar's copy goes to a folder named after the preset and a hash of the weights
 * ({@code <tmp>/spikestream-weights-<preset>-<sha256 prefix>}), written under a temporary name and renamed into
 * place when complete, so every JVM (and every later run, also after a kill) reuses the one copy of the same
 * weights instead of leaving a new 16 MB folder behind; a half-written copy of a killed run is never used and is
 * removed, as are the per-JVM folders ({@code spikestream-weights<digits>}) of earlier versions.
 * docs/training.md gives the command that made them.
 */
public final class ShippedWeights {

    private static final String FOLDER = "io/spikestream/weights/";
    private static final String PREFIX = "spikestream-weights";
    private static final String PARTIAL = PREFIX + "-partial-";
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
        return extract(preset, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Copies a preset's shipped weights into {@code root}, or finds the copy an earlier run made there.
     *
     * @param preset the architecture
     * @param root the folder holding the copies (the system's temporary folder)
     * @return the {@code .params} file
     * @throws IOException when reading the resources or writing the copy fails
     */
    static Path extract(String preset, Path root) throws IOException {
        removeLeftovers(root);
        Path dir = root.resolve(PREFIX + "-" + preset + "-" + digest(FOLDER + preset + ".params"));
        Path params = dir.resolve(preset + ".params");
        if (Files.isRegularFile(params)) {
            return params;
        }
        Path partial = Files.createTempDirectory(root, PARTIAL);
        try {
            copy(FOLDER + preset + ".params", partial.resolve(preset + ".params"));
            copy(FOLDER + preset + ".properties", partial.resolve(preset + ".properties"));
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            // another JVM finished the same copy first: use theirs
        } finally {
            deleteTree(partial);
        }
        return params;
    }

    /** Per-JVM folders of earlier versions and half-written copies of killed runs (older than a minute). */
    private static void removeLeftovers(Path root) throws IOException {
        long minuteAgo = System.currentTimeMillis() - 60_000;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                boolean legacy = name.substring(PREFIX.length()).matches("[0-9]+");
                boolean abandoned = name.startsWith(PARTIAL) && Files.getLastModifiedTime(p).toMillis() < minuteAgo;
                if (Files.isDirectory(p) && (legacy || abandoned)) {
                    deleteTree(p);
                }
            }
        }
    }

    private static String digest(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
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

    private static InputStream open(String resource) {
        InputStream in = ShippedWeights.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("incomplete shipped weights: " + resource + " is missing");
        }
        return in;
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = open(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
