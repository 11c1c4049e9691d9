package io.spikestream.vision;

import java.awt.image.BufferedImage;

/**
 * An 8-bit RGB image, rows top to bottom, pixels interleaved {@code R, G, B}.
 *
 * @param width pixels per row
 * @param height rows
 * @param rgb {@code width * height * 3} bytes
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("RGB buffer has " + rgb.length + " bytes but a " + width + "x"
                    + height + " image needs " + (long) width * height * 3);
        }
    }

    /**
     * Copies the pixels of any {@link BufferedImage} (colour-converted by Java2D).
     *
     * @param image the image
     * @return its RGB bytes
     */
    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(w, h, rgb);
    }
}
