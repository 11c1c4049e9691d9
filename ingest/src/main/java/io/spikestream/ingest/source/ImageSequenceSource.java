package io.spikestream.ingest.source;

import io.spikestream.ingest.image.RgbImages;
import io.spikestream.vision.Cityscapes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.imageio.ImageIO;

/**
 * A folder of still images played as a video at a configured frame rate.
 *
 * <p>If the folder (searched recursively) holds Cityscapes images ({@code <city>_<seq>_<frame>_leftImg8bit.png},
 * usually under {@code leftImg8bit/} or {@code leftImg8bit_sequence/}), only those are played, ordered by city,
 * sequence and frame, and ground truth is attached where {@code gtFine/.../<stem>_gtFine_labelTrainIds.png}
 * (or, mapped through {@link Cityscapes#toTrainIdsInPlace}, {@code _gtFine_labelIds.png}) exists. Otherwise the PNG/JPEG/BMP
 * files directly in the folder are played in file-name order.
 */
public final class ImageSequenceSource implements FrameSource {

    /** Cityscapes sequences are recorded at about 17 Hz (30 frames in 1.8 s). */
    public static final double CITYSCAPES_FPS = 17.0;

    private final Path folder;
    private final String name;
    private final double fps;
    private final List<SequenceEntry> entries;
    private int next;

    private ImageSequenceSource(Path folder, String name, double fps, List<SequenceEntry> entries) {
        this.folder = folder;
        this.name = name;
        this.fps = fps;
        this.entries = entries;
    }

    /**
     * Lists the images of a folder (nothing is decoded yet).
     *
     * @param folder the folder
     * @param name name stamped on frames; the folder name when {@code null}
     * @param fps frames per second used for timestamps and pacing
     * @throws IOException when the folder does not exist, cannot be listed or holds no images
     */
    public static ImageSequenceSource open(Path folder, String name, double fps) throws IOException {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("Image sequence frame rate must be positive, got " + fps);
        }
        if (!Files.isDirectory(folder)) {
            throw new NotDirectoryException(folder.toString());
        }
        List<SequenceEntry> entries = SequenceEntry.list(folder);
        if (entries.isEmpty()) {
            throw new IOException("No images in " + folder + ": expected Cityscapes *_leftImg8bit.png files "
                    + "(searched recursively) or .png/.jpg/.jpeg/.bmp files in the folder itself");
        }
        String sourceName = name != null ? name : String.valueOf(folder.toAbsolutePath().normalize().getFileName());
        return new ImageSequenceSource(folder, sourceName, fps, entries);
    }

    @Override
    public Optional<CapturedFrame> next() throws IOException {
        if (next >= entries.size()) {
            return Optional.empty();
        }
        SequenceEntry entry = entries.get(next);
        BufferedImage image = read(entry.image());
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] labels = entry.hasGroundTruth() ? readLabels(entry, w, h) : null;
        long timestampMs = Math.round(next * 1000.0 / fps);
        return Optional.of(CapturedFrame.adopt(name, next++, timestampMs, w, h, RgbImages.toRgb(image), labels));
    }

    private static byte[] readLabels(SequenceEntry entry, int w, int h) throws IOException {
        Path file = entry.groundTruth();
        BufferedImage gt = read(file);
        if (gt.getWidth() != w || gt.getHeight() != h) {
            throw new IOException("Ground truth " + file + " is " + gt.getWidth() + "x" + gt.getHeight()
                    + " but image " + entry.image() + " is " + w + "x" + h);
        }
        byte[] ids;
        try {
            ids = RgbImages.toGray8(gt);
        } catch (IOException e) {
            throw new IOException("Cannot use ground truth " + file + ": " + e.getMessage(), e);
        }
        if (!entry.trainIds()) {
            Cityscapes.toTrainIdsInPlace(ids);
        }
        return ids;
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IOException("Cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IOException("Cannot read image " + file + ": not a PNG/JPEG/BMP file or corrupt");
        }
        return image;
    }

    @Override
    public double frameRate() {
        return fps;
    }

    @Override
    public OptionalLong frameCount() {
        return OptionalLong.of(entries.size());
    }

    /** Number of images that have ground truth attached. */
    public long groundTruthCount() {
        return entries.stream().filter(SequenceEntry::hasGroundTruth).count();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return String.format("image sequence %s (%d images, %d with ground truth, %.1f fps)", folder,
                entries.size(), groundTruthCount(), fps);
    }

    @Override
    public void close() {
        next = entries.size();
    }

    /** The ordered entries, for tests. */
    List<SequenceEntry> entries() {
        return entries;
    }
}
