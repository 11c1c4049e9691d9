package io.spikestream.sink.mask;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Decoding of untrusted JPEG/PNG bytes and encoding of RGB images (JDK ImageIO only). */
public final class Images {

    /** Largest image accepted when decoding, in pixels (a 2048x1024 Cityscapes frame is 2 M). */
    public static final long MAX_PIXELS = 64L * 1024 * 1024;

    private static final float JPEG_QUALITY = 0.9f;

    private Images() {
    }

    /**
     * Decodes a JPEG or PNG.
     *
     * @param what what the bytes are, for the error message ("frame", "mask", ...)
     * @throws InvalidImageException if the bytes are empty, not an image ImageIO can read, or too large
     */
    public static BufferedImage decode(byte[] bytes, String what) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidImageException(what + " is empty");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException(what + " cannot be decoded: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new InvalidImageException(what + " is not a PNG or JPEG image (" + bytes.length + " bytes)");
        }
        if ((long) image.getWidth() * image.getHeight() > MAX_PIXELS) {
            throw new InvalidImageException(what + " is too large: " + image.getWidth() + "x" + image.getHeight());
        }
        return image;
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
