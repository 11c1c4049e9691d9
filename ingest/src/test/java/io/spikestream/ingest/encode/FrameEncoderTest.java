package io.spikestream.ingest.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.ingest.image.RgbImages;
import io.spikestream.ingest.source.CapturedFrame;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    /** 8x4 frame: left half red, right half blue; labels 1 on the left, 13 on the right. */
    private static CapturedFrame halves() {
        int w = 8;
        int h = 4;
        byte[] rgb = new byte[w * h * 3];
        byte[] labels = new byte[w * h];
        for (int i = 0; i < w * h; i++) {
            boolean left = i % w < w / 2;
            rgb[i * 3 + (left ? 0 : 2)] = (byte) 255;
            labels[i] = (byte) (left ? 1 : 13);
        }
        return new CapturedFrame("cam-7", 42, 0, 0, w, h, rgb, labels);
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void shouldRoundTripPixelsAndLabelsExactlyWhenPng() throws IOException {
        CapturedFrame frame = halves();
        EncodedFrame png = FrameEncoder.builder().setFormat(ImageFormat.PNG).build().encode(frame);
        assertArrayEquals(frame.rgbBytes(), RgbImages.toRgb(decode(png.image())));
        byte[] labels = RgbImages.toGray8(decode(png.label().orElseThrow()));
        assertEquals(1, labels[0]);
        assertEquals(13, labels[7]);
    }

    @Test
    void shouldKeepColoursApproximatelyWhenJpeg() throws IOException {
        EncodedFrame jpeg = FrameEncoder.builder().setFormat(ImageFormat.JPEG).optJpegQuality(95).build()
                .encode(halves());
        BufferedImage image = decode(jpeg.image());
        assertEquals(8, image.getWidth());
        assertTrue((image.getRGB(0, 0) >> 16 & 0xff) > 200, Integer.toHexString(image.getRGB(0, 0)));
        assertTrue((image.getRGB(7, 3) & 0xff) > 200, Integer.toHexString(image.getRGB(7, 3)));
    }

    @Test
    void shouldDownscaleToMaxWidthKeepingAspectAndNearestLabels() throws IOException {
        EncodedFrame small = FrameEncoder.builder().setFormat(ImageFormat.PNG).optMaxWidth(4).build()
                .encode(halves());
        assertEquals(4, small.width());
        assertEquals(2, small.height());
        BufferedImage image = decode(small.image());
        assertEquals(4, image.getWidth());
        assertEquals(0xff0000, image.getRGB(0, 0) & 0xffffff);
        assertArrayEquals(new byte[] {1, 1, 13, 13, 1, 1, 13, 13},
                RgbImages.toGray8(decode(small.label().orElseThrow())));
    }

    @Test
    void shouldExplainLimitAndFixesWhenFrameIsTooLarge() {
        byte[] noise = new byte[64 * 64 * 3];
        new Random(1).nextBytes(noise);
        CapturedFrame frame = new CapturedFrame("cam-7", 42, 0, 0, 64, 64, noise, null);
        FrameEncoder encoder = FrameEncoder.builder().setFormat(ImageFormat.JPEG).optJpegQuality(90)
                .optMaxBytes(1000).build();
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> encoder.encode(frame));
        assertEquals(1000, e.limitBytes());
        assertTrue(e.encodedBytes() > 1000);
        for (String part : new String[] {"Frame 42", "'cam-7'", String.format(Locale.ROOT, "%,d bytes", e.encodedBytes()),
                "1,000 bytes", "quality", "maximum width", "max.message.bytes", "max.request.size"}) {
            assertTrue(e.getMessage().contains(part), () -> part + " missing in: " + e.getMessage());
        }
    }

    @Test
    void shouldRejectMissingFormatAndBadQuality() {
        assertThrows(IllegalArgumentException.class, () -> FrameEncoder.builder().build());
        assertThrows(IllegalArgumentException.class,
                () -> FrameEncoder.builder().setFormat(ImageFormat.JPEG).optJpegQuality(0).build());
    }
}
