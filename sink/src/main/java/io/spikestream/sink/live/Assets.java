package io.spikestream.sink.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The page's files, read once from the classpath next to this class. */
final class Assets {

    /** A file and its content type. */
    record Asset(String contentType, byte[] bytes) {
    }

    private final Map<String, Asset> byPath;

    Assets() {
        byPath = Map.of(
                "/", load("index.html", "text/html; charset=utf-8"),
                "/live.js", load("live.js", "text/javascript; charset=utf-8"),
                "/live.css", load("live.css", "text/css; charset=utf-8"),
                "/favicon.svg", load("favicon.svg", "image/svg+xml"));
    }

    /** The asset served at {@code path}, if any. */
    Optional<Asset> at(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    private static Asset load(String name, String contentType) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the live page resource " + name + " is missing from the jar");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
