package io.spikestream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** House rule: only {@code io.spikestream.ingest.source} may use JavaCV ({@code org.bytedeco}). */
class PackageConfinementTest {

    private static final Path MAIN = Path.of("src/main/java/io/spikestream/ingest");

    @Test
    void shouldImportJavaCvOnlyInSourcePackage() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !MAIN.relativize(p).startsWith("source"))
                    .filter(PackageConfinementTest::usesJavaCv)
                    .toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static boolean usesJavaCv(Path file) {
        try {
            return Files.readString(file).contains("org.bytedeco");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
