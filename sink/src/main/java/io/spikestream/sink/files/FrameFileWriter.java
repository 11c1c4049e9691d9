package io.spikestream.sink.files;

import io.spikestream.sink.mask.Images;
import io.spikestream.vision.TrainIdMask;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the per-frame image files of the {@link OutputLayout}, each replaced atomically under a name fixed by
 * (camera, sequence), so writing a frame again (a replay) overwrites instead of adding files.
 */
public final class FrameFileWriter {

    private final OutputLayout layout;

    /** A writer under {@code layout}. */
    public FrameFileWriter(OutputLayout layout) {
        this.layout = layout;
    }

    /** Writes the trainId mask as an 8-bit greyscale PNG; returns its path. */
    public Path writeMask(String cameraId, long sequence, TrainIdMask mask) throws IOException {
        Path file = layout.maskFile(cameraId, sequence);
        AtomicFiles.write(file, mask.encodePng());
        return file;
    }

    /** Writes an overlay image in {@code format} ("jpg" or "png"); returns its path. */
    public Path writeOverlay(String cameraId, long sequence, BufferedImage overlay, String format)
            throws IOException {
        Path file = layout.overlayFile(cameraId, sequence, format);
        AtomicFiles.write(file, out -> Images.write(overlay, format, out));
        return file;
    }
}
