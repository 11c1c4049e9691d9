package io.spikestream.sink.mask;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Encoding of RGB images as PNG or JPEG (JDK ImageIO only); decoding is {@link io.spikestream.vision.ImageBytes}. */
public final class Images {

    private static final float JPEG_QUALITY = 0.9f;

    private Images() {
    }

    /**
     * Writes an RGB image as {@code format} ("png", or "jpg" at quality 0.9).
     *
     * @throws IOException if writing fails
     */
    public static void write(BufferedImage rgb, String format, OutputStream out) throws IOException {
        if (!"jpg".equals(format.toLowerCase(Locale.ROOT))) {
            if (!ImageIO.write(rgb, format, out)) {
                throw new IOException("no ImageIO writer for " + format);
            }
            return;
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpg");
        ImageWriter writer = writers.next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
