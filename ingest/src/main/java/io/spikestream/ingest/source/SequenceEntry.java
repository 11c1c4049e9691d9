package io.spikestream.ingest.source;

import io.spikestream.ingest.cityscapes.CityscapesFileName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One image of an {@link ImageSequenceSource} and its ground truth, if any.
 *
 * @param image the image file
 * @param groundTruth the label image, or {@code null}
 * @param trainIds whether {@code groundTruth} holds trainIds ({@code false}: labelIds to be mapped)
 */
record SequenceEntry(Path image, Path groundTruth, boolean trainIds) {

    private static final List<String> IMAGE_DIRS = List.of("leftImg8bit", "leftImg8bit_sequence");
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp");

    boolean hasGroundTruth() {
        return groundTruth != null;
    }

    /** Cityscapes images under {@code folder} (recursively) if there are any, else plain images in it. */
    static List<SequenceEntry> list(Path folder) throws IOException {
        List<SequenceEntry> cityscapes = cityscapes(folder);
        return cityscapes.isEmpty() ? plain(folder) : cityscapes;
    }

    private static List<SequenceEntry> cityscapes(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .flatMap(p -> CityscapesFileName.parseImage(p.getFileName().toString())
                            .map(n -> new Named(p, n)).stream())
                    .sorted(Comparator.comparing(Named::name))
                    .map(n -> withGroundTruth(n.path(), n.name()))
                    .toList();
        }
    }

    private static List<SequenceEntry> plain(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.stream().anyMatch(lower(p)::endsWith))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .map(p -> new SequenceEntry(p, null, false))
                    .toList();
        }
    }

    private static SequenceEntry withGroundTruth(Path image, CityscapesFileName name) {
        for (Path dir : groundTruthDirs(image)) {
            if (Files.isRegularFile(dir.resolve(name.trainIdsName()))) {
                return new SequenceEntry(image, dir.resolve(name.trainIdsName()), true);
            }
            if (Files.isRegularFile(dir.resolve(name.labelIdsName()))) {
                return new SequenceEntry(image, dir.resolve(name.labelIdsName()), false);
            }
        }
        return new SequenceEntry(image, null, false);
    }

    /**
     * {@code <root>/gtFine/<split>/<city>/} for an image at {@code <root>/leftImg8bit[_sequence]/<split>/<city>/},
     * then the image's own folder.
     */
    private static List<Path> groundTruthDirs(Path image) {
        Path abs = image.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        for (Path p = dir; p != null && p.getParent() != null; p = p.getParent()) {
            if (IMAGE_DIRS.contains(String.valueOf(p.getFileName()))) {
                return List.of(p.resolveSibling("gtFine").resolve(p.relativize(dir)), dir);
            }
        }
        return List.of(dir);
    }

    private static String lower(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    private record Named(Path path, CityscapesFileName name) {}
}
