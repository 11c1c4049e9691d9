package io.spikestream.training.data;

/** An indexed set of labelled images; {@link #get} is deterministic. */
public interface SegmentationDataset {

    /** @return number of samples */
    int size();

    /**
     * @param index 0..size-1
     * @return the sample
     */
    Sample get(int index);

    /**
     * Consecutive frames of one clip ending at or starting from a sample, for training with carried
     * membrane state. Datasets of still images return just the sample.
     *
     * @param index 0..size-1
     * @param length frames wanted
     * @return 1..length frames in time order
     */
    default java.util.List<Sample> clip(int index, int length) {
        return java.util.List.of(get(index));
    }
}
