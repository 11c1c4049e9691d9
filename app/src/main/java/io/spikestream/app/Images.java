package io.spikestream.app;

import io.spikestream.inference.runtime.RgbImage;
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
        return fromBuffered(img);
    }

    /** Converts any BufferedImage to interleaved RGB. */
    static RgbImage fromBuffered(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, rgb);
    }

    /** A mid-grey frame, for measurements that do not depend on content. */
    static RgbImage grey(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        Arrays.fill(rgb, (byte) 128);
        return new RgbImage(width, height, rgb);
    }
}
