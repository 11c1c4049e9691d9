package io.spikestream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSequenceSourceTest {

    private static final int W = 4;
    private static final int H = 2;
    private static final byte[] TRAIN_IDS = {0, 13, (byte) 255, 18, 1, 2, 10, 11};
    private static final byte[] LABEL_IDS = {7, 26, 4, 33, 8, 11, 23, 24};

    @TempDir
    Path root;

    @Test
    void shouldOrderByCitySequenceFrameAndAttachTrainIdsWhenTreeIsCityscapes() throws IOException {
        Path images = Files.createDirectories(root.resolve("leftImg8bit/val/frankfurt"));
        Path gt = Files.createDirectories(root.resolve("gtFine/val/frankfurt"));
        Path aachen = Files.createDirectories(root.resolve("leftImg8bit/val/aachen"));
        writeRgb(images.resolve("frankfurt_000001_000000_leftImg8bit.png"), 0x0000ff);
        writeRgb(images.resolve("frankfurt_000000_000500_leftImg8bit.png"), 0x00ff00);
        writeRgb(aachen.resolve("aachen_000009_000019_leftImg8bit.png"), 0xff0000);
        writeGray(gt.resolve("frankfurt_000000_000500_gtFine_labelTrainIds.png"), TRAIN_IDS);
        writeGray(gt.resolve("frankfurt_000000_000500_gtFine_labelIds.png"), new byte[W * H]);
        writeGray(gt.resolve("frankfurt_000001_000000_gtFine_labelIds.png"), LABEL_IDS);
        Files.writeString(gt.resolve("notes.txt"), "ignored");

        try (ImageSequenceSource source = ImageSequenceSource.open(root.resolve("leftImg8bit"), "cs", 17)) {
            assertEquals(3, source.frameCount().orElseThrow());
            assertEquals(2, source.groundTruthCount());
            List<CapturedFrame> frames = VideoFileSourceTest.readAll(source);
            assertEquals(List.of(0xff0000, 0x00ff00, 0x0000ff), frames.stream().map(f -> f.rgbAt(1, 1)).toList());
            assertTrue(frames.get(0).labelTrainIds().isEmpty());
            assertArrayEquals(TRAIN_IDS, bytes(frames.get(1).labelTrainIds().orElseThrow()));
            assertArrayEquals(TRAIN_IDS, bytes(frames.get(2).labelTrainIds().orElseThrow()));
            assertEquals(List.of(0L, 59L, 118L), frames.stream().map(CapturedFrame::timestampMs).toList());
        }
    }

    @Test
    void shouldFindGroundTruthBesideImagesWhenSequenceTreeHasNoGtFine() throws IOException {
        Path dir = Files.createDirectories(root.resolve("leftImg8bit_sequence/train/ulm"));
        writeRgb(dir.resolve("ulm_000000_000019_leftImg8bit.png"), 0x123456);
        writeGray(dir.resolve("ulm_000000_000019_gtFine_labelIds.png"), LABEL_IDS);
        try (ImageSequenceSource source = ImageSequenceSource.open(root, null, 17)) {
            CapturedFrame frame = source.next().orElseThrow();
            assertEquals(0x123456, frame.rgbAt(3, 1));
            assertArrayEquals(TRAIN_IDS, bytes(frame.labelTrainIds().orElseThrow()));
            assertEquals(root.getFileName().toString(), frame.sourceName());
        }
    }

    @Test
    void shouldPlayImagesInNameOrderWhenFolderIsPlain() throws IOException {
        writeRgb(root.resolve("b.png"), 0x00ff00);
        writeImage(root.resolve("a.jpg"), new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR), "jpeg");
        Files.writeString(root.resolve("c.txt"), "not an image");
        try (ImageSequenceSource source = ImageSequenceSource.open(root, "plain", 25)) {
            List<CapturedFrame> frames = VideoFileSourceTest.readAll(source);
            assertEquals(List.of(0x000000, 0x00ff00), frames.stream().map(f -> f.rgbAt(0, 0)).toList());
            assertTrue(frames.stream().allMatch(f -> f.labelTrainIds().isEmpty()));
        }
    }

    @Test
    void shouldNameFolderOrFileWhenFolderIsEmptyOrImageIsCorrupt() throws IOException {
        IOException empty = assertThrows(IOException.class, () -> ImageSequenceSource.open(root, null, 17));
        assertTrue(empty.getMessage().contains(root.toString()), empty.getMessage());
        Files.write(root.resolve("broken.png"), new byte[] {1, 2, 3});
        try (ImageSequenceSource source = ImageSequenceSource.open(root, null, 17)) {
            IOException bad = assertThrows(IOException.class, source::next);
            assertTrue(bad.getMessage().contains("broken.png"), bad.getMessage());
        }
    }

    @Test
    void shouldRejectGroundTruthOfAnotherSize() throws IOException {
        writeRgb(root.resolve("x_000000_000001_leftImg8bit.png"), 0);
        writeGray(root.resolve("x_000000_000001_gtFine_labelTrainIds.png"), new byte[3]);
        try (ImageSequenceSource source = ImageSequenceSource.open(root, null, 17)) {
            IOException e = assertThrows(IOException.class, source::next);
            assertTrue(e.getMessage().contains("x_000000_000001_gtFine_labelTrainIds.png"), e.getMessage());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    static void writeRgb(Path file, int rgb) throws IOException {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        writeImage(file, image, "png");
    }

    static void writeGray(Path file, byte[] values) throws IOException {
        int w = values.length == W * H ? W : values.length;
        BufferedImage image = new BufferedImage(w, values.length / w, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, w, values.length / w, values);
        writeImage(file, image, "png");
    }

    private static void writeImage(Path file, BufferedImage image, String format) throws IOException {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
    }
}
