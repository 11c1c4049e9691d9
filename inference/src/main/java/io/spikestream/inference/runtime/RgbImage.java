package io.spikestream.inference.runtime;

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
}
