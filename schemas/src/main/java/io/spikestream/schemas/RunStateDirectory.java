package io.spikestream.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The default Kafka Streams state directory of the inference and sink stages: one per process and application id,
 * {@code <tmp>/spikestream-state-<application id>-<pid>}, deleted when the JVM exits. Kafka Streams' own default is
 * shared by every run on the machine, so a run after a killed one (or against a fresh broker) found the old task
 * folders and logged "task is corrupted"; state stores are restored from their changelog topics instead.
 * Folders of processes that no longer run (killed) are removed when the next one starts.
 */
public final class RunStateDirectory {

    private static final String PREFIX = "spikestream-state-";
    private static final Map<String, Path> CREATED = new HashMap<>();

    private RunStateDirectory() {}

    /**
     * This process's state directory for an application id, created on first use.
     *
     * @param applicationId the Kafka Streams application id
     * @return the directory
     */
    public static synchronized Path forApplication(String applicationId) {
        return CREATED.computeIfAbsent(applicationId, id -> create(Path.of(System.getProperty("java.io.tmpdir")), id,
                ProcessHandle.current().pid()));
    }

    /** Creates the directory of process {@code pid} under {@code root}, removing those of dead processes. */
    static Path create(Path root, String applicationId, long pid) {
        try {
            removeDead(root);
            Path dir = Files.createDirectories(root.resolve(PREFIX + safe(applicationId) + "-" + pid));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "spikestream-state-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka Streams state directory under " + root
                    + "; set state.dir to a writable folder", e);
        }
    }

    private static void removeDead(Path root) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path dir : dirs) {
                Optional<Long> pid = pidOf(dir.getFileName().toString());
                if (pid.isPresent() && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false).equals(Boolean.FALSE)) {
                    deleteQuietly(dir);
                }
            }
        }
    }

    private static Optional<Long> pidOf(String name) {
        int dash = name.lastIndexOf('-');
        try {
            return Optional.of(Long.parseLong(name.substring(dash + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String safe(String applicationId) {
        return applicationId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a folder left behind is removed by the next run
        }
    }
}
