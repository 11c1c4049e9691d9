package io.spikestream.scenes;

import java.awt.image.BufferedImage;

/**
 * One rendered frame of a {@link SceneClip}: the RGB image and its exact ground truth.
 *
 * @param seed        seed of the clip
 * @param index       frame index in the clip, from 0
 * @param timeSeconds {@code index / frameRate}
 * @param image       the camera image, {@code TYPE_INT_RGB}, {@code width x height}
 * @param labels      row-major trainIds ({@code labels[y * width + x]}, unsigned): 0..18, or 255 where ignored
 * @param instances   row-major object ids, stable across the frames of one clip; 0 for "stuff" (road, sky, ...)
 */
public record SceneFrame(long seed, int index, double timeSeconds, BufferedImage image, byte[] labels,
                         int[] instances) {

    /** @return the image width in pixels */
    public int width() {
        return image.getWidth();
    }

    /** @return the image height in pixels */
    public int height() {
        return image.getHeight();
    }

    /** @return the trainId at pixel {@code (x, y)}: 0..18 or 255 */
    public int label(int x, int y) {
        return labels[y * width() + x] & 0xFF;
    }
}
