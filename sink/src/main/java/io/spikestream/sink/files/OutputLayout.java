package io.spikestream.sink.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the sink writes, under one output root:
 * <pre>
 *   &lt;root&gt;/&lt;cam&gt;/masks/&lt;cam&gt;_&lt;seq:06d&gt;_trainIds.png
 *   &lt;root&gt;/&lt;cam&gt;/overlays/&lt;cam&gt;_&lt;seq:06d&gt;_overlay.jpg   (or .png)
 *   &lt;root&gt;/&lt;cam&gt;/stats.csv
 *   &lt;root&gt;/evaluation.json, &lt;root&gt;/evaluation.csv
 * </pre>
 * {@code <cam>} is {@link CameraDirectoryName#of(String)}; every camera path is checked to stay inside the
 * root, also after resolving symbolic links.
 */
public final class OutputLayout {

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
