package io.spikestream.training.data;

/**
 * One training or evaluation image with its labels.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param rgb interleaved RGB bytes, row-major, {@code 3 * width * height}
 * @param labels trainIds (0..18, 255 ignored), row-major, {@code width * height}
 * @param name identifier, e.g. {@code synthetic_009000_000019} or a Cityscapes file stem
 */
public record Sample(int width, int height, byte[] rgb, byte[] labels, String name) {

    public Sample {
        if (width <= 0 || height <= 0 || rgb.length != 3 * width * height || labels.length != width * height) {
            throw new IllegalArgumentException("sample " + name + ": " + width + "x" + height + " needs "
                    + 3 * width * height + " RGB bytes and " + width * height + " labels, got " + rgb.length
                    + " and " + labels.length);
        }
    }

    /** @return the trainId at {@code (x, y)} */
    public int label(int x, int y) {
        return labels[y * width + x] & 0xFF;
    }
}
