package io.spikestream.app;

import io.spikestream.vision.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Reading images into {@link RgbImage}s. */
final class Images {

    private Images() {}

    /** Reads a PNG, JPEG or BMP file. */
    static RgbImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + " (image not found)");
        }
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IllegalArgumentException("Cannot decode image " + file + ": not a PNG, JPEG or BMP file");
        }
        return RgbImage.of(img);
    }

    /** A mid-grey frame, for measurements that do not depend on content. */
    static RgbImage grey(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        Arrays.fill(rgb, (byte) 128);
        return new RgbImage(width, height, rgb);
    }
}
