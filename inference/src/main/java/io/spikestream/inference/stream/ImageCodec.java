package io.spikestream.inference.stream;

import io.spikestream.inference.runtime.RgbImage;
import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.deadletter.InvalidRecordException;
import io.spikestream.schemas.deadletter.Rejection;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * JPEG/PNG decoding of frames and ground truth, and PNG encoding of trainId masks, through
 * {@code javax.imageio}. The size in the image header is checked against the record before the pixels
 * are decoded, so a forged header cannot make the decoder allocate a huge raster.
 */
final class ImageCodec {

    private ImageCodec() {}

    /**
     * Decodes a frame image into RGB pixels.
     *
     * @param bytes the compressed image
     * @param encoding the encoding the record declares
     * @param width the record's width
     * @param height the record's height
     * @return the pixels
     * @throws InvalidRecordException when the bytes are not a decodable image of that encoding and size
     */
    static RgbImage readRgb(byte[] bytes, ImageEncoding encoding, int width, int height)
            throws InvalidRecordException {
        return RgbImage.of(read(bytes, encoding.name(), width, height, "image", Rejection.UNDECODABLE_IMAGE));
    }

    /**
     * Decodes an 8-bit single-channel PNG of class ids (raw samples, no colour conversion).
     *
     * @param bytes the PNG
     * @param width expected width
     * @param height expected height
     * @return one id per pixel, row-major
     * @throws InvalidRecordException when it is not an 8-bit greyscale PNG of that size
     */
    static byte[] readLabels(byte[] bytes, int width, int height) throws InvalidRecordException {
        Rejection kind = Rejection.INVALID_GROUND_TRUTH;
        Raster raster = read(bytes, "PNG", width, height, "groundTruthMask", kind).getRaster();
        if (raster.getNumBands() != 1 || raster.getSampleModel().getSampleSize(0) != 8) {
            throw new InvalidRecordException(kind, "groundTruthMask must be an 8-bit greyscale PNG, got "
                    + raster.getNumBands() + " band(s) of " + raster.getSampleModel().getSampleSize(0) + " bits");
        }
        int[] samples = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        byte[] ids = new byte[samples.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (byte) samples[i];
        }
        return ids;
    }

    /**
     * Encodes class ids as an 8-bit greyscale PNG.
     *
     * @param ids one id per pixel, row-major
     * @param width mask width
     * @param height mask height
     * @return the PNG file
     */
    static byte[] writeLabels(byte[] ids, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, ids);
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length / 8 + 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage read(byte[] bytes, String format, int width, int height, String what,
            Rejection kind) throws InvalidRecordException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidRecordException(kind, what + " is not a JPEG or PNG image ("
                        + Hex.prefix(bytes) + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                checkFormat(reader.getFormatName(), format, what, kind);
                checkSize(reader.getWidth(0), reader.getHeight(0), width, height, what, kind);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                | NegativeArraySizeException e) {
            throw new InvalidRecordException(kind, what + " (" + format + ") does not decode: " + e.getMessage(), e);
        }
    }

    private static void checkFormat(String actual, String declared, String what, Rejection kind)
            throws InvalidRecordException {
        String a = actual.toUpperCase(Locale.ROOT).replace("JPG", "JPEG");
        if (!a.equals(declared)) {
            throw new InvalidRecordException(kind, what + " is declared " + declared + " but the bytes are " + a);
        }
    }

    private static void checkSize(int w, int h, int width, int height, String what, Rejection kind)
            throws InvalidRecordException {
        if (w != width || h != height) {
            Rejection r = kind == Rejection.UNDECODABLE_IMAGE ? Rejection.SIZE_MISMATCH : kind;
            throw new InvalidRecordException(r, what + " is " + w + "x" + h + " but the record says " + width + "x"
                    + height);
        }
    }
}
