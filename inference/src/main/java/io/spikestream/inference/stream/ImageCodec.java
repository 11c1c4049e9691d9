package io.spikestream.inference.stream;

import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.deadletter.InvalidRecordException;
import io.spikestream.schemas.deadletter.Rejection;
import io.spikestream.vision.InvalidImageException;
import io.spikestream.vision.RgbImage;
import io.spikestream.vision.TrainIdMask;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * JPEG/PNG decoding of frames and ground truth through {@code javax.imageio} (masks are encoded by
 * {@link TrainIdMask#encodePng()}). The size in the image header is checked against the record before the pixels
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
        try {
            return TrainIdMask.of(read(bytes, "PNG", width, height, "groundTruthMask", kind)).ids();
        } catch (InvalidImageException e) {
            throw new InvalidRecordException(kind, "groundTruthMask: " + e.getMessage());
        }
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
