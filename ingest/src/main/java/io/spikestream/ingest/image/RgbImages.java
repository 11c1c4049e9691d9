package io.spikestream.ingest.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Conversions between {@link BufferedImage} and packed 8-bit RGB / single-channel byte maps. */
public final class RgbImages {

    private RgbImages() {}

    /** Interleaved RGB bytes of any image (alpha dropped, palettes and grey expanded). */
    public static byte[] toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            swapRedBlue(bgr, rgb);
            return rgb;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0, i = y * w * 3; x < w; x++, i += 3) {
                rgb[i] = (byte) (row[x] >> 16);
                rgb[i + 1] = (byte) (row[x] >> 8);
                rgb[i + 2] = (byte) row[x];
            }
        }
        return rgb;
    }

    /** A {@code TYPE_3BYTE_BGR} image holding a copy of {@code width * height * 3} interleaved RGB bytes. */
    public static BufferedImage fromRgb(int width, int height, ByteBuffer rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        rgb.duplicate().rewind().get(bgr);
        swapRedBlue(bgr, bgr);
        return image;
    }

    /** A {@code TYPE_BYTE_GRAY} image holding a copy of {@code width * height} bytes (e.g. a label map). */
    public static BufferedImage fromGray(int width, int height, ByteBuffer gray) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        gray.duplicate().rewind().get(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
        return image;
    }

    /**
     * The raw 8-bit samples of a single-channel image (grey or palette indices), row-major.
     *
     * @throws IOException when the image has more than one channel or more than 8 bits per sample
     */
    public static byte[] toGray8(BufferedImage image) throws IOException {
        Raster raster = image.getRaster();
        if (raster.getNumBands() != 1 || raster.getSampleModel().getSampleSize(0) > 8) {
            throw new IOException("expected a single-channel 8-bit image, got " + raster.getNumBands()
                    + " channel(s) of " + raster.getSampleModel().getSampleSize(0) + " bits");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] samples = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (byte) samples[i];
        }
        return out;
    }

    private static void swapRedBlue(byte[] src, byte[] dst) {
        for (int i = 0; i < src.length; i += 3) {
            byte first = src[i];
            dst[i] = src[i + 2];
            dst[i + 1] = src[i + 1];
            dst[i + 2] = first;
        }
    }
}
