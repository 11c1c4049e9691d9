package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes clips in the Cityscapes folder layout, {@code {root}/{type}/{split}/{city}/{city}_{seq}_{frame}_{suffix}}
 * with {@code seq} = seed mod 10^6 and {@code frame} = frame index, both zero-padded to 6 digits:
 * <ul>
 *   <li>{@code leftImg8bit/}: the annotated frame (index 19 by default, the 20th of 30, as in Cityscapes);</li>
 *   <li>{@code leftImg8bit_sequence/}: every frame of the clip;</li>
 *   <li>{@code gtFine/}: for the annotated frame {@code _gtFine_labelTrainIds.png} (trainIds, 255 ignored),
 *       {@code _gtFine_labelIds.png} (regular labelIds, 0 for ignored), {@code _gtFine_color.png} and the 16-bit
 *       {@code _gtFine_instanceIds.png} ({@code labelId * 1000 + k} for person, rider and vehicles);</li>
 *   <li>{@code gtFine_sequence/} (only with {@link Builder#optAllLabels}): the same label files for every other
 *       frame, kept apart so that Cityscapes evaluation still scores only the annotated frames.</li>
 * </ul>
 * Frames are streamed: one frame is in memory at a time.
 */
public final class CityscapesWriter {

    private final Path root;
    private final String split;
    private final String city;
    private final int annotatedFrame;
    private final boolean allLabels;
    private final boolean sequence;

    private CityscapesWriter(Builder builder) {
        root = builder.root;
        split = builder.split;
        city = builder.city;
        annotatedFrame = builder.annotatedFrame;
        allLabels = builder.allLabels;
        sequence = builder.sequence;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Renders and writes every frame of {@code generator}'s clip.
     *
     * @return the written files
     * @throws IllegalArgumentException when the clip is shorter than the annotated frame index
     * @throws UncheckedIOException     when a file cannot be written
     */
    public List<Path> write(SceneGenerator generator) {
        if (annotatedFrame >= generator.frames()) {
            throw new IllegalArgumentException("annotated frame " + annotatedFrame + " is beyond the clip's "
                + generator.frames() + " frames");
        }
        List<Path> written = new ArrayList<>();
        for (SceneFrame frame : generator.clip()) {
            boolean annotated = frame.index() == annotatedFrame;
            if (sequence) {
                written.add(png(frame.image(), path("leftImg8bit_sequence", frame, "leftImg8bit")));
            }
            if (annotated) {
                written.add(png(frame.image(), path("leftImg8bit", frame, "leftImg8bit")));
            }
            if (annotated || allLabels) {
                writeLabels(frame, annotated ? "gtFine" : "gtFine_sequence", written);
            }
        }
        return written;
    }

    /** @return the file name stem {@code {city}_{seq:06}_{frame:06}} of a frame */
    public String stem(long seed, int frameIndex) {
        return String.format("%s_%06d_%06d", city, Math.floorMod(seed, 1_000_000L), frameIndex);
    }

    private void writeLabels(SceneFrame frame, String type, List<Path> written) {
        written.add(png(gray(frame, frame.labels()), path(type, frame, "gtFine_labelTrainIds")));
        written.add(png(gray(frame, labelIds(frame.labels())), path(type, frame, "gtFine_labelIds")));
        written.add(png(color(frame), path(type, frame, "gtFine_color")));
        written.add(png(instances(frame), path(type, frame, "gtFine_instanceIds")));
    }

    private Path path(String type, SceneFrame frame, String suffix) {
        return root.resolve(type).resolve(split).resolve(city)
            .resolve(stem(frame.seed(), frame.index()) + "_" + suffix + ".png");
    }

    private static byte[] labelIds(byte[] trainIds) {
        byte[] out = new byte[trainIds.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Cityscapes.labelIdOf(trainIds[i] & 0xFF);
        }
        return out;
    }

    private static BufferedImage gray(SceneFrame frame, byte[] values) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, frame.width(), frame.height(), values);
        return image;
    }

    private static BufferedImage color(SceneFrame frame) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[frame.labels().length];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = Cityscapes.color(frame.labels()[i] & 0xFF);
        }
        image.getRaster().setDataElements(0, 0, frame.width(), frame.height(), rgb);
        return image;
    }

    /** Cityscapes instanceIds: {@code labelId * 1000 + k} (k from 0 per image) for instance classes, else labelId. */
    private static BufferedImage instances(SceneFrame frame) {
        short[] values = new short[frame.labels().length];
        Map<Integer, Integer> numbers = new HashMap<>();
        for (int i = 0; i < values.length; i++) {
            int trainId = frame.labels()[i] & 0xFF;
            int labelId = Cityscapes.labelIdOf(trainId);
            int value = labelId;
            if (Cityscapes.hasInstances(trainId) && frame.instances()[i] != 0) {
                int k = numbers.computeIfAbsent(frame.instances()[i], key -> numbers.size());
                value = labelId * 1000 + k;
            }
            values[i] = (short) value;
        }
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setDataElements(0, 0, frame.width(), frame.height(), values);
        return image;
    }

    private static Path png(BufferedImage image, Path path) {
        try {
            Files.createDirectories(path.getParent());
            if (!ImageIO.write(image, "png", path.toFile())) {
                throw new IOException("no PNG writer for image type " + image.getType());
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** Builder: {@code setRoot} is required; defaults split {@code train}, city {@code synthetic}, frame 19. */
    public static final class Builder {

        private Path root;
        private String split = "train";
        private String city = "synthetic";
        private int annotatedFrame = 19;
        private boolean allLabels;
        private boolean sequence = true;

        private Builder() {
        }

        public Builder setRoot(Path root) {
            this.root = root;
            return this;
        }

        /** @param split e.g. {@code train}, {@code val}, {@code test} */
        public Builder optSplit(String split) {
            this.split = split;
            return this;
        }

        public Builder optCity(String city) {
            this.city = city;
            return this;
        }

        /** @param index frame written to {@code leftImg8bit} and {@code gtFine} (Cityscapes: 19) */
        public Builder optAnnotatedFrame(int index) {
            this.annotatedFrame = index;
            return this;
        }

        /** Also writes the labels of every other frame, to {@code gtFine_sequence}. */
        public Builder optAllLabels(boolean allLabels) {
            this.allLabels = allLabels;
            return this;
        }

        /** Whether to write {@code leftImg8bit_sequence} (default true). */
        public Builder optSequence(boolean sequence) {
            this.sequence = sequence;
            return this;
        }

        public CityscapesWriter build() {
            if (root == null) {
                throw new IllegalArgumentException("root is required: call setRoot(Path)");
            }
            if (!isName(split) || !isName(city) || city.contains("_")) {
                throw new IllegalArgumentException("split and city must be plain folder names (city without '_'), got "
                    + split + ", " + city);
            }
            if (annotatedFrame < 0) {
                throw new IllegalArgumentException("annotated frame must be >= 0, got " + annotatedFrame);
            }
            return new CityscapesWriter(this);
        }

        private static boolean isName(String s) {
            return s != null && s.matches("[A-Za-z0-9_-]+");
        }
    }
}
