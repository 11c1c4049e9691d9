package io.spikestream.inference.testing;

import io.spikestream.vision.RgbImage;

/**
 * A noise-free fixed camera for change-driven inference tests: a still patterned background with a bright box
 * that moves right by 5 pixels a frame, so that each frame changes only a small region.
 */
public final class MovingBox {

    private MovingBox() {}

    /**
     * Renders one frame.
     *
     * @param width image width
     * @param height image height
     * @param index frame index; the box starts at column 10 and moves 5 pixels a frame
     * @return the frame
     */
    public static RgbImage frame(int width, int height, int index) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = 3 * (y * width + x);
                boolean box = y >= height / 2 && y < height / 2 + height / 6 && x >= 10 + 5 * index
                        && x < 10 + 5 * index + width / 8;
                rgb[i] = (byte) (box ? 230 : (x * 7 + y * 3) % 200);
                rgb[i + 1] = (byte) (box ? 40 : (y * 5) % 180 + 40);
                rgb[i + 2] = (byte) (box ? 50 : ((x / 9 + y / 11) % 2) * 120 + 60);
            }
        }
        return new RgbImage(width, height, rgb);
    }
}
