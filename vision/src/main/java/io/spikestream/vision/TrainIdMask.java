package io.spikestream.vision;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A label map of Cityscapes trainIds (0..18, 255 = no class), one unsigned byte per pixel in row-major order.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param ids {@code width * height} trainIds, row-major
 */
public record TrainIdMask(int width, int height, byte[] ids) {

    /** Checks that {@code ids} holds exactly {@code width * height} pixels. */
    public TrainIdMask {
        Objects.requireNonNull(ids, "ids");
        if (width <= 0 || height <= 0 || (long) width * height != ids.length) {
            throw new IllegalArgumentException(
                    "mask of " + width + "x" + height + " needs " + (long) width * height + " pixels, got "
                            + ids.length);
        }
    }

    /**
     * Decodes an 8-bit single-channel PNG (the {@code mask} of a SegmentationResult or the
     * {@code groundTruthMask} of a Frame).
     *
     * @param png the PNG file
     * @return the map
     * @throws InvalidImageException if the bytes are not a decodable single-channel 8-bit image
     */
    public static TrainIdMask decodePng(byte[] png) {
        return of(ImageBytes.decode(png, "mask"));
    }

    /**
     * Reads the raw samples of an 8-bit single-channel image (no colour conversion).
     *
     * @param image the decoded image
     * @return the map
     * @throws InvalidImageException if the image is not single-channel 8-bit
     */
    public static TrainIdMask of(BufferedImage image) {
        if (image.getRaster().getNumBands() != 1 || image.getSampleModel().getSampleSize(0) != 8) {
            throw new InvalidImageException("mask is not an 8-bit single-channel image: "
                    + image.getRaster().getNumBands() + " bands of " + image.getSampleModel().getSampleSize(0)
                    + " bits");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] samples = image.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
        byte[] ids = new byte[samples.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (byte) samples[i];
        }
        return new TrainIdMask(w, h, ids);
    }

    /**
     * Encodes the map as an 8-bit greyscale PNG whose pixel values are the trainIds.
     *
     * @return the PNG file
     */
    public byte[] encodePng() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(ids, 0, data, 0, ids.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length / 4 + 256);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The trainId at {@code (x, y)}, 0..255. */
    public int at(int x, int y) {
        return ids[y * width + x] & 0xFF;
    }

    /** Pixels per trainId 0..{@code numClasses-1}; other values (255) are not counted. */
    public long[] classCounts(int numClasses) {
        long[] counts = new long[numClasses];
        for (byte b : ids) {
            int id = b & 0xFF;
            if (id < numClasses) {
                counts[id]++;
            }
        }
        return counts;
    }

    /** This map scaled to {@code w x h} by nearest neighbour (the map itself when the size matches). */
    public TrainIdMask resizeNearest(int w, int h) {
        if (w == width && h == height) {
            return this;
        }
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            int sy = (int) ((long) y * height / h);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = ids[sy * width + (int) ((long) x * width / w)];
            }
        }
        return new TrainIdMask(w, h, out);
    }
}
