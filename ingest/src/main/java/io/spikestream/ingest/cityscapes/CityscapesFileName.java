package io.spikestream.ingest.cityscapes;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Cityscapes image name {@code <city>_<seq>_<frame>_leftImg8bit.<ext>}, e.g.
 * {@code frankfurt_000000_000294_leftImg8bit.png}. Names order by city, then sequence and frame numbers.
 *
 * @param city city name
 * @param sequence sequence number (6 digits in the file name)
 * @param frame frame number (6 digits in the file name)
 * @param stem {@code <city>_<seq>_<frame>} as written in the file name
 */
public record CityscapesFileName(String city, long sequence, long frame, String stem)
        implements Comparable<CityscapesFileName> {

    private static final Pattern IMAGE = Pattern.compile("(.+)_(\\d+)_(\\d+)_leftImg8bit\\.(?i:png|jpe?g)");
    private static final Comparator<CityscapesFileName> ORDER = Comparator.comparing(CityscapesFileName::city)
            .thenComparingLong(CityscapesFileName::sequence)
            .thenComparingLong(CityscapesFileName::frame);

    /** Parses an image file name; empty when it does not follow the Cityscapes convention. */
    public static Optional<CityscapesFileName> parseImage(String fileName) {
        Matcher m = IMAGE.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        String stem = m.group(1) + "_" + m.group(2) + "_" + m.group(3);
        return Optional.of(new CityscapesFileName(m.group(1), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3)), stem));
    }

    /** {@code <stem>_gtFine_labelTrainIds.png} */
    public String trainIdsName() {
        return stem + "_gtFine_labelTrainIds.png";
    }

    /** {@code <stem>_gtFine_labelIds.png} */
    public String labelIdsName() {
        return stem + "_gtFine_labelIds.png";
    }

    @Override
    public int compareTo(CityscapesFileName other) {
        return ORDER.compare(this, other);
    }
}
