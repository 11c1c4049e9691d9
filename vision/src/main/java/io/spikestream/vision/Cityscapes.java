package io.spikestream.vision;

import java.util.Arrays;

/**
 * The Cityscapes label conventions (cityscapesScripts {@code helpers/labels.py}): the 19 evaluated classes
 * (trainIds 0..18) with their names, official colours and regular labelIds, and the ignore label 255.
 *
 * <p>Label maps produced by this module hold trainIds; {@link #labelIdOf(int)} converts them to the regular
 * labelIds that the official evaluation expects ({@code 255 -> 0}, "unlabeled").
 */
public final class Cityscapes {

    /** Number of evaluated classes. */
    public static final int NUM_CLASSES = 19;
    /** TrainId of every pixel that is ignored in training and evaluation. */
    public static final int IGNORE = 255;
    /** Regular labelId written for {@link #IGNORE} pixels ("unlabeled"). */
    public static final int UNLABELED_LABEL_ID = 0;
    /** Number of regular labelIds, 0..33 ({@code license plate}, -1, is not stored in label images). */
    public static final int NUM_LABEL_IDS = 34;

    public static final int ROAD = 0;
    public static final int SIDEWALK = 1;
    public static final int BUILDING = 2;
    public static final int WALL = 3;
    public static final int FENCE = 4;
    public static final int POLE = 5;
    public static final int TRAFFIC_LIGHT = 6;
    public static final int TRAFFIC_SIGN = 7;
    public static final int VEGETATION = 8;
    public static final int TERRAIN = 9;
    public static final int SKY = 10;
    public static final int PERSON = 11;
    public static final int RIDER = 12;
    public static final int CAR = 13;
    public static final int TRUCK = 14;
    public static final int BUS = 15;
    public static final int TRAIN = 16;
    public static final int MOTORCYCLE = 17;
    public static final int BICYCLE = 18;

    private static final String[] NAMES = {"road", "sidewalk", "building", "wall", "fence", "pole",
        "traffic light", "traffic sign", "vegetation", "terrain", "sky", "person", "rider", "car", "truck", "bus",
        "train", "motorcycle", "bicycle"};
    private static final int[] LABEL_IDS = {7, 8, 11, 12, 13, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 31, 32, 33};
    private static final int[] COLORS = {0x804080, 0xF423E8, 0x464646, 0x66669C, 0xBE9999, 0x999999, 0xFAAA1E,
        0xDCDC00, 0x6B8E23, 0x98FB98, 0x4682B4, 0xDC143C, 0xFF0000, 0x00008E, 0x000046, 0x003C64, 0x005064,
        0x0000E6, 0x770B20};
    private static final boolean[] HAS_INSTANCES = {false, false, false, false, false, false, false, false, false,
        false, false, true, true, true, true, true, true, true, true};
    private static final int[] TRAIN_ID_OF_LABEL_ID = trainIdTable();
    private static final byte[] TRAIN_ID_OF_LABEL_BYTE = trainIdLookup();

    private Cityscapes() {
    }

    /** @return the class name of {@code trainId} (0..18), e.g. {@code "traffic light"} */
    public static String name(int trainId) {
        return NAMES[checkTrainId(trainId)];
    }

    /** @return the official colour of {@code trainId} as {@code 0xRRGGBB}; black for {@link #IGNORE} */
    public static int color(int trainId) {
        return trainId == IGNORE ? 0 : COLORS[checkTrainId(trainId)];
    }

    /** @return the regular labelId of {@code trainId}; {@link #UNLABELED_LABEL_ID} for {@link #IGNORE} */
    public static int labelIdOf(int trainId) {
        return trainId == IGNORE ? UNLABELED_LABEL_ID : LABEL_IDS[checkTrainId(trainId)];
    }

    /** @return the trainId of a regular labelId (-1..33); {@link #IGNORE} for classes not evaluated */
    public static int trainIdOf(int labelId) {
        if (labelId == -1) {
            return IGNORE;
        }
        if (labelId < 0 || labelId >= TRAIN_ID_OF_LABEL_ID.length) {
            throw new IllegalArgumentException("labelId must be in -1..33, got " + labelId);
        }
        return TRAIN_ID_OF_LABEL_ID[labelId];
    }

    /**
     * Converts a map of unsigned 8-bit regular labelIds (a {@code *_gtFine_labelIds.png}) to trainIds in place:
     * the 19 evaluated labelIds become 0..18, every other value, including ids above 33, becomes {@link #IGNORE}.
     *
     * @param labelIds row-major labelIds, overwritten with trainIds
     */
    public static void toTrainIdsInPlace(byte[] labelIds) {
        for (int i = 0; i < labelIds.length; i++) {
            labelIds[i] = TRAIN_ID_OF_LABEL_BYTE[labelIds[i] & 0xFF];
        }
    }

    /** @return whether Cityscapes annotates instances of {@code trainId} (person, rider and the vehicles) */
    public static boolean hasInstances(int trainId) {
        return trainId != IGNORE && HAS_INSTANCES[checkTrainId(trainId)];
    }

    /** @return a copy of the trainId to labelId table, {@code [7, 8, 11, ..., 33]} */
    public static int[] labelIds() {
        return LABEL_IDS.clone();
    }

    private static int checkTrainId(int trainId) {
        if (trainId < 0 || trainId >= NUM_CLASSES) {
            throw new IllegalArgumentException("trainId must be in 0..18, got " + trainId);
        }
        return trainId;
    }

    private static byte[] trainIdLookup() {
        byte[] table = new byte[256];
        Arrays.fill(table, (byte) IGNORE);
        for (int t = 0; t < NUM_CLASSES; t++) {
            table[LABEL_IDS[t]] = (byte) t;
        }
        return table;
    }

    private static int[] trainIdTable() {
        int[] table = new int[NUM_LABEL_IDS];
        Arrays.fill(table, IGNORE);
        for (int t = 0; t < NUM_CLASSES; t++) {
            table[LABEL_IDS[t]] = t;
        }
        return table;
    }
}
