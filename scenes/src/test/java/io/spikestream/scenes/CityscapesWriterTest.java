package io.spikestream.scenes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.vision.Cityscapes;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CityscapesWriterTest {

    @TempDir
    Path root;

    private static SceneGenerator clip(long seed, int frames) {
        return SceneGenerator.builder().setSeed(seed).optSize(128, 64).optFrames(frames).build();
    }

    @Test
    void shouldUseCityscapesFileNamesWhenWritingAClip() throws IOException {
        CityscapesWriter writer = CityscapesWriter.builder().setRoot(root).optSplit("val").build();
        writer.write(clip(1_000_042, 30));
        Set<String> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(30 + 1 + 4, files.size());
        assertTrue(files.contains("leftImg8bit/val/synthetic/synthetic_000042_000019_leftImg8bit.png"));
        assertTrue(files.contains("leftImg8bit_sequence/val/synthetic/synthetic_000042_000000_leftImg8bit.png"));
        assertTrue(files.contains("leftImg8bit_sequence/val/synthetic/synthetic_000042_000029_leftImg8bit.png"));
        for (String suffix : List.of("labelTrainIds", "labelIds", "color", "instanceIds")) {
            assertTrue(files.contains("gtFine/val/synthetic/synthetic_000042_000019_gtFine_" + suffix + ".png"), suffix);
        }
    }

    @Test
    void shouldDecodeLabelIdsToMappedTrainIdsWhenReadBack() throws IOException {
        SceneGenerator gen = clip(5, 20);
        CityscapesWriter writer = CityscapesWriter.builder().setRoot(root).optSequence(false).build();
        writer.write(gen);
        SceneFrame frame = gen.render(19);
        Path dir = root.resolve("gtFine/train/synthetic");
        Raster labelIds = read(dir.resolve("synthetic_000005_000019_gtFine_labelIds.png"));
        Raster trainIds = read(dir.resolve("synthetic_000005_000019_gtFine_labelTrainIds.png"));
        Raster instances = read(dir.resolve("synthetic_000005_000019_gtFine_instanceIds.png"));
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 128; x++) {
                int trainId = frame.label(x, y);
                assertEquals(trainId, trainIds.getSample(x, y, 0));
                assertEquals(Cityscapes.labelIdOf(trainId), labelIds.getSample(x, y, 0));
                int instance = instances.getSample(x, y, 0);
                assertEquals(Cityscapes.labelIdOf(trainId), instance >= 1000 ? instance / 1000 : instance);
            }
        }
        BufferedImage image = ImageIO.read(root.resolve("leftImg8bit/train/synthetic/synthetic_000005_000019_leftImg8bit.png")
            .toFile());
        assertEquals(frame.image().getRGB(10, 10) & 0xFFFFFF, image.getRGB(10, 10) & 0xFFFFFF);
    }

    @Test
    void shouldWriteEveryFramesLabelsApartWhenAllLabelsRequested() throws IOException {
        CityscapesWriter.builder().setRoot(root).optAllLabels(true).optSequence(false).optAnnotatedFrame(1).build()
            .write(clip(9, 3));
        assertTrue(Files.exists(root.resolve("gtFine/train/synthetic/synthetic_000009_000001_gtFine_labelIds.png")));
        assertTrue(Files.exists(root.resolve(
            "gtFine_sequence/train/synthetic/synthetic_000009_000000_gtFine_labelTrainIds.png")));
        assertTrue(Files.exists(root.resolve(
            "gtFine_sequence/train/synthetic/synthetic_000009_000002_gtFine_labelIds.png")));
    }

    @Test
    void shouldRejectClipWhenShorterThanTheAnnotatedFrame() {
        CityscapesWriter writer = CityscapesWriter.builder().setRoot(root).build();
        assertThrows(IllegalArgumentException.class, () -> writer.write(clip(1, 10)));
        assertThrows(IllegalArgumentException.class, () -> CityscapesWriter.builder().setRoot(root).optCity("a_b").build());
    }

    private static Raster read(Path path) throws IOException {
        return ImageIO.read(path.toFile()).getRaster();
    }
}
