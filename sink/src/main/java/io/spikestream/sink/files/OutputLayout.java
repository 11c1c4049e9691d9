package io.spikestream.sink.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the sink writes, under one output root:
 * <pre>
 *   &lt;root&gt;/&lt;cam&gt;/masks/&lt;cam&gt;_&lt;seq:06d&gt;_trainIds.png
 *   &lt;root&gt;/&lt;cam&gt;/overlays/&lt;cam&gt;_&lt;seq:06d&gt;_overlay.jpg   (or .png)
 *   &lt;root&gt;/&lt;cam&gt;/stats.csv
 *   &lt;root&gt;/evaluation.json, &lt;root&gt;/evaluation.csv
 *   &lt;root&gt;/evaluation-frames.csv   (one row per evaluated frame: what evaluation.json is summed from)
 * </pre>
 * {@code <cam>} is {@link CameraDirectoryName#of(String)}; every camera path is checked to stay inside the
 * root, also after resolving symbolic links.
 */
public final class OutputLayout {

    private static final Set<String> SINK_FILES = Set.of("evaluation.json", "evaluation.csv",
            "evaluation-frames.csv");
    private static final Set<String> CAMERA_ENTRIES = Set.of("masks", "overlays", "stats.csv");

    private final Path root;

    /** A layout under {@code root} (made absolute and normalised; created when first written). */
    public OutputLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The output root. */
    public Path root() {
        return root;
    }

    /** The camera's directory, created if missing. */
    public Path cameraDir(String cameraId) throws IOException {
        Path dir = root.resolve(CameraDirectoryName.of(cameraId)).normalize();
        if (!root.equals(dir.getParent())) {
            throw new IOException("camera directory " + dir + " escapes the output root " + root);
        }
        Files.createDirectories(dir);
        if (!dir.toRealPath().startsWith(root.toRealPath())) {
            throw new IOException("camera directory " + dir + " resolves outside the output root " + root);
        }
        return dir;
    }

    /** The mask file of one frame (its directory is created). */
    public Path maskFile(String cameraId, long sequence) throws IOException {
        return frameFile(cameraId, "masks", sequence, "trainIds.png");
    }

    /** The overlay file of one frame in {@code format} ("jpg" or "png"; its directory is created). */
    public Path overlayFile(String cameraId, long sequence, String format) throws IOException {
        return frameFile(cameraId, "overlays", sequence, "overlay." + format);
    }

    /** The camera's per-frame statistics CSV. */
    public Path statsCsv(String cameraId) throws IOException {
        return cameraDir(cameraId).resolve("stats.csv");
    }

    /** The evaluation file {@code evaluation.<extension>} in the root. */
    public Path evaluationFile(String extension) {
        return root.resolve("evaluation." + extension);
    }

    /** The evaluation's ledger of evaluated frames, {@code evaluation-frames.csv} in the root. */
    public Path evaluationFramesCsv() throws IOException {
        Files.createDirectories(root);
        return root.resolve("evaluation-frames.csv");
    }

    /**
     * Whether the root holds nothing but what a sink writes (camera folders of masks, overlays and
     * {@code stats.csv}, and the evaluation files); true when it is missing or empty.
     */
    public boolean holdsOnlySinkOutput() throws IOException {
        if (!Files.isDirectory(root)) {
            return !Files.exists(root);
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.allMatch(this::isSinkEntry);
        }
    }

    /** Deletes the root and everything under it (missing root: nothing to do). */
    public void deleteAll() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private boolean isSinkEntry(Path entry) {
        String name = entry.getFileName().toString();
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            return SINK_FILES.contains(name);
        }
        try (Stream<Path> inside = Files.list(entry)) {
            return inside.allMatch(p -> CAMERA_ENTRIES.contains(p.getFileName().toString()));
        } catch (IOException e) {
            return false;
        }
    }

    /** The file name stem of one frame, {@code <cam>_<seq:06d>}. */
    public static String frameStem(String cameraId, long sequence) {
        return CameraDirectoryName.of(cameraId) + "_" + String.format(Locale.ROOT, "%06d", sequence);
    }

    private Path frameFile(String cameraId, String kind, long sequence, String suffix) throws IOException {
        Path dir = cameraDir(cameraId).resolve(kind);
        Files.createDirectories(dir);
        return dir.resolve(frameStem(cameraId, sequence) + "_" + suffix);
    }
}
