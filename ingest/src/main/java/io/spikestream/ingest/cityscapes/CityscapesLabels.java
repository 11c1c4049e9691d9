package io.spikestream.ingest.cityscapes;

/**
 * The Cityscapes label table ({@code cityscapesscripts/helpers/labels.py}): 34 labelIds (0-33), of which 19
 * are evaluated and carry trainIds 0-18; every other id, {@code license plate} (-1) and any unknown value map
 * to the ignore id {@value #IGNORE}.
 */
public final class CityscapesLabels {

    /** trainId of pixels ignored in training and evaluation. */
    public static final int IGNORE = 255;

    /** Number of labelIds, 0-33. */
    public static final int LABEL_IDS = 34;

    /** Number of evaluated classes, trainIds 0-18. */
    public static final int TRAIN_IDS = 19;

    // labelId -> trainId for labelIds 0..33, e.g. 7 road -> 0, 26 car -> 13, 33 bicycle -> 18.
    private static final int[] TRAIN_ID_OF_LABEL = {
        255, 255, 255, 255, 255, 255, 255, 0, 1, 255, 255, 2, 3, 4, 255, 255, 255,
        5, 255, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 255, 255, 16, 17, 18
    };

    private static final byte[] LOOKUP = lookup();

    private CityscapesLabels() {}

    private static byte[] lookup() {
        byte[] table = new byte[256];
        for (int id = 0; id < table.length; id++) {
            table[id] = (byte) (id < LABEL_IDS ? TRAIN_ID_OF_LABEL[id] : IGNORE);
        }
        return table;
    }

    /** The trainId of a labelId; {@value #IGNORE} for non-evaluated, negative or unknown ids. */
    public static int trainIdOf(int labelId) {
        return labelId >= 0 && labelId < LABEL_IDS ? TRAIN_ID_OF_LABEL[labelId] : IGNORE;
    }

    /** Maps a map of unsigned 8-bit labelIds to trainIds in place. */
    public static void toTrainIdsInPlace(byte[] labelIds) {
        for (int i = 0; i < labelIds.length; i++) {
            labelIds[i] = LOOKUP[labelIds[i] & 0xff];
        }
    }
}
