package io.spikestream.sink.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spikestream.vision.Cityscapes;

import io.spikestream.vision.InvalidImageException;
import io.spikestream.vision.TrainIdMask;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class OverlayTest {

    @Test
    void shouldBlendChannelsWhenAlphaIsBetweenZeroAndOne() {
        assertEquals(0x40_80_C0, new Overlay(0.5).mix(0x80_FF_FF, 0x00_01_81));
        assertEquals(0x12_34_56, new Overlay(1).mix(0x12_34_56, 0xFF_FF_FF));
        assertEquals(0xFF_FF_FF, new Overlay(0).mix(0x12_34_56, 0xFF_FF_FF));
    }

    @Test
    void shouldScaleMaskByNearestNeighbourWhenFrameIsLarger() {
        TrainIdMask mask = new TrainIdMask(2, 1, new byte[] {(byte) Cityscapes.SKY, (byte) 255});
        BufferedImage frame = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        BufferedImage out = new Overlay(1).blend(frame, mask);
        assertEquals(Cityscapes.color(Cityscapes.SKY), out.getRGB(1, 1) & 0xFFFFFF);
        assertEquals(0, out.getRGB(2, 0) & 0xFFFFFF);
    }

    @Test
    void shouldRoundTripTrainIdsWhenEncodedAsPng() {
        byte[] ids = {0, 18, (byte) 255, 7, 3, 11};
        assertArrayEquals(ids, TrainIdMask.decodePng(new TrainIdMask(3, 2, ids).encodePng()).ids());
    }

    @Test
    void shouldRejectMaskWhenImageHasColourChannels() {
        BufferedImage rgb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        assertDoesNotThrow(() -> javax.imageio.ImageIO.write(rgb, "png", png));
        assertThrows(InvalidImageException.class, () -> TrainIdMask.decodePng(png.toByteArray()));
    }
}
