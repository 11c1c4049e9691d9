package io.spikestream.vision;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Decoding of untrusted JPEG/PNG bytes (JDK ImageIO only). */
public final class ImageBytes {

    /** Largest image accepted when decoding, in pixels (a 2048x1024 Cityscapes frame is 2 M). */
    public static final long MAX_PIXELS = 64L * 1024 * 1024;

    private ImageBytes() {
    }

    /**
     * Decodes a JPEG or PNG.
     *
     * @param bytes the compressed image
     * @param what what the bytes are, for the error message ("frame", "mask", ...)
     * @return the image
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
}
