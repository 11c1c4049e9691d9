package io.spikestream.app.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a sink child wrote under its output folder, read back for the crash tests' checks. */
final class SinkOutput {

    private final Path root;

    SinkOutput(Path root) {
        this.root = root;
    }

    /** Mask files of all {@code cameras}. */
    long masks(List<String> cameras) {
        return cameras.stream().mapToLong(c -> files(root.resolve(c).resolve("masks"))).sum();
    }

    /** {@code total.frames} of evaluation.json, -1 when it has none. */
    long evaluatedFrames() throws IOException {
        return new ObjectMapper().readTree(root.resolve("evaluation.json").toFile()).path("total").path("frames")
                .asLong(-1);
    }

    /**
     * Asserts each camera has one stats.csv row and one mask per result sequence, and that the evaluation
     * counts {@code withTruth} frames.
     */
    void assertOncePerResult(List<String> cameras, SequenceTally results, int withTruth) throws IOException {
        for (String camera : cameras) {
            assertEquals(results.sequences(camera), csvSequences(camera), camera + ": one stats.csv row per result");
            assertEquals(results.sequences(camera).size(), files(root.resolve(camera).resolve("masks")),
                    camera + ": one mask per result");
        }
        assertEquals(withTruth, evaluatedFrames(), "evaluation.json total.frames");
    }

    private List<Long> csvSequences(String camera) throws IOException {
        try (Stream<String> lines = Files.lines(root.resolve(camera).resolve("stats.csv"))) {
            return lines.skip(1).map(l -> Long.parseLong(l.split(",")[1])).sorted().toList();
        }
    }

    private static long files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
