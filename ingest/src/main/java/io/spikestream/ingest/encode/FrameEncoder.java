package io.spikestream.ingest.encode;

import io.spikestream.ingest.image.RgbImages;
import io.spikestream.ingest.source.CapturedFrame;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encodes captured frames to JPEG or PNG with javax.imageio, optionally downscaled to a maximum width
 * (bilinear for pictures, nearest neighbour for labels), and checks the result against the maximum record
 * payload. Thread-safe.
 */
public final class FrameEncoder {

    /** Kafka's default {@code max.request.size} (1 MiB) minus room for the Avro envelope and headers. */
    public static final int DEFAULT_MAX_BYTES = 1_000_000;

    private final ImageFormat format;
    private final int jpegQuality;
    private final int maxWidth;
    private final int maxBytes;

    private FrameEncoder(Builder builder) {
        this.format = builder.format;
        this.jpegQuality = builder.jpegQuality;
        this.maxWidth = builder.maxWidth;
        this.maxBytes = builder.maxBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Encodes the picture (and the ground truth, if the frame has one).
     *
     * @throws FrameTooLargeException when picture plus label exceed the maximum record payload
     */
    public EncodedFrame encode(CapturedFrame frame) {
        BufferedImage image = resize(RgbImages.fromRgb(frame.width(), frame.height(), frame.rgb()));
        byte[] labelPng = frame.labelTrainIds().map(l -> encodeLabel(frame, l, image.getWidth(), image.getHeight()))
                .orElse(null);
        EncodedFrame encoded = new EncodedFrame(write(image, format), format, image.getWidth(), image.getHeight(),
                labelPng);
        if (encoded.totalBytes() > maxBytes) {
            throw new FrameTooLargeException(frame.sourceName(), frame.index(), encoded.totalBytes(), maxBytes,
                    settings(image));
        }
        return encoded;
    }

    private String settings(BufferedImage image) {
        String quality = format == ImageFormat.JPEG ? " quality " + jpegQuality : "";
        String width = maxWidth > 0 ? ", max width " + maxWidth : ", no max width";
        return format + quality + " at " + image.getWidth() + "x" + image.getHeight() + width;
    }

    private BufferedImage resize(BufferedImage image) {
        if (maxWidth <= 0 || image.getWidth() <= maxWidth) {
            return image;
        }
        int h = scaledHeight(image.getWidth(), image.getHeight());
        BufferedImage out = new BufferedImage(maxWidth, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, maxWidth, h, null);
        g.dispose();
        return out;
    }

    private int scaledHeight(int width, int height) {
        return Math.max(1, (int) Math.round((double) height * maxWidth / width));
    }

    private byte[] encodeLabel(CapturedFrame frame, ByteBuffer labels, int w, int h) {
        ByteBuffer scaled = w == frame.width() ? labels : nearest(labels, frame.width(), frame.height(), w, h);
        return write(RgbImages.fromGray(w, h, scaled), ImageFormat.PNG);
    }

    private static ByteBuffer nearest(ByteBuffer src, int sw, int sh, int w, int h) {
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            int sy = (int) ((y + 0.5) * sh / h);
            for (int x = 0; x < w; x++) {
                out[y * w + x] = src.get(sy * sw + (int) ((x + 0.5) * sw / w));
            }
        }
        return ByteBuffer.wrap(out);
    }

    private byte[] write(BufferedImage image, ImageFormat fmt) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(fmt.imageIoName()).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), writeParam(writer, fmt));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a " + fmt + " image in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private ImageWriteParam writeParam(ImageWriter writer, ImageFormat fmt) {
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (fmt == ImageFormat.JPEG) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(jpegQuality / 100f);
        }
        return param;
    }

    /** Builder: {@code setFormat} is required, the rest optional. */
    public static final class Builder {

        private ImageFormat format;
        private int jpegQuality = 85;
        private int maxWidth;
        private int maxBytes = DEFAULT_MAX_BYTES;

        private Builder() {}

        public Builder setFormat(ImageFormat imageFormat) {
            this.format = imageFormat;
            return this;
        }

        /** JPEG quality 1-100 (default 85). */
        public Builder optJpegQuality(int quality) {
            this.jpegQuality = quality;
            return this;
        }

        /** Downscale wider frames to this width, keeping the aspect ratio (default 0 = never). */
        public Builder optMaxWidth(int width) {
            this.maxWidth = width;
            return this;
        }

        /** Maximum encoded bytes per frame, picture plus label (default {@value FrameEncoder#DEFAULT_MAX_BYTES}). */
        public Builder optMaxBytes(int bytes) {
            this.maxBytes = bytes;
            return this;
        }

        public FrameEncoder build() {
            if (format == null) {
                throw new IllegalArgumentException("FrameEncoder needs a format (JPEG or PNG)");
            }
            if (jpegQuality < 1 || jpegQuality > 100) {
                throw new IllegalArgumentException("JPEG quality must be in 1..100, got " + jpegQuality);
            }
            if (maxWidth < 0 || maxBytes <= 0) {
                throw new IllegalArgumentException("maxWidth must be >= 0 and maxBytes > 0, got " + maxWidth
                        + " and " + maxBytes);
            }
            return new FrameEncoder(this);
        }
    }
}
