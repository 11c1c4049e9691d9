package io.spikestream.training.data;

import io.spikestream.vision.Cityscapes;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A data set in the Cityscapes folder layout: {@code leftImg8bit/<split>/<city>/<stem>_leftImg8bit.png} with
 * {@code gtFine/<split>/<city>/<stem>_gtFine_labelTrainIds.png}, or, when that file is missing,
 * {@code _gtFine_labelIds.png} mapped to trainIds through {@link Cityscapes#trainIdOf}. Files are read on
 * every {@link #get} (nothing is cached).
 */
public final class CityscapesDataset implements SegmentationDataset {

    private static final String IMAGE_SUFFIX = "_leftImg8bit.png";

    private final Path root;
    private final String split;
    private final List<Path> images;

    /**
     * Scans a split.
     *
     * @param root folder holding {@code leftImg8bit/} and {@code gtFine/}
     * @param split e.g. {@code train} or {@code val}
     * @throws IOException when the image folder cannot be listed
     */
    public CityscapesDataset(Path root, String split) throws IOException {
        this.root = root;
        this.split = split;
        Path dir = root.resolve("leftImg8bit").resolve(split);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no Cityscapes images at " + dir
                    + " (expected leftImg8bit/<split>/<city>/*_leftImg8bit.png)");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            images = files.filter(p -> p.getFileName().toString().endsWith(IMAGE_SUFFIX)).sorted()
                    .collect(Collectors.toList());
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no *" + IMAGE_SUFFIX + " files under " + dir);
        }
    }

    @Override
    public int size() {
        return images.size();
    }

    /** @return the file name stem {@code <city>_<seq>_<frame>} of sample {@code index} */
    public String stem(int index) {
        String name = images.get(index).getFileName().toString();
        return name.substring(0, name.length() - IMAGE_SUFFIX.length());
    }

    @Override
    public Sample get(int index) {
        Path image = images.get(index);
        String stem = stem(index);
        Path gtDir = root.resolve("gtFine").resolve(split).resolve(image.getParent().getFileName());
        try {
            BufferedImage img = read(image);
            byte[] labels = labels(gtDir, stem, img.getWidth() * img.getHeight());
            return new Sample(img.getWidth(), img.getHeight(), Images.rgb(img), labels, stem);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample " + stem, e);
        }
    }

    private static byte[] labels(Path gtDir, String stem, int pixels) throws IOException {
        Path trainIds = gtDir.resolve(stem + "_gtFine_labelTrainIds.png");
        if (Files.isRegularFile(trainIds)) {
            return band(read(trainIds), pixels, false);
        }
        return band(read(gtDir.resolve(stem + "_gtFine_labelIds.png")), pixels, true);
    }

    private static byte[] band(BufferedImage img, int pixels, boolean mapLabelIds) {
        Raster r = img.getRaster();
        int[] values = r.getSamples(0, 0, img.getWidth(), img.getHeight(), 0, (int[]) null);
        if (values.length != pixels) {
            throw new IllegalArgumentException("label map size differs from its image");
        }
        byte[] out = new byte[pixels];
        for (int i = 0; i < pixels; i++) {
            out[i] = (byte) (mapLabelIds ? Cityscapes.trainIdOf(values[i] > 33 ? -1 : values[i]) : values[i]);
        }
        return out;
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("not an image: " + file);
        }
        return img;
    }
}
