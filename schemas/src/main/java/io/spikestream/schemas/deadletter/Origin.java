package io.spikestream.inference.stream;

/**
 * Where a record was read from.
 *
 * @param topic source topic
 * @param partition source partition
 * @param offset offset in the partition
 */
record Origin(String topic, int partition, long offset) {

    /** E.g. {@code spikestream.frames-0@42}. */
    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
