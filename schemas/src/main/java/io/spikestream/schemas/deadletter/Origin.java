package io.spikestream.schemas.deadletter;

import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Where a record was read from.
 *
 * @param topic source topic
 * @param partition source partition
 * @param offset offset in the partition
 */
public record Origin(String topic, int partition, long offset) {

    /**
     * The position of the record a processor is processing, or {@code unknown-1@-1} when it has none.
     *
     * @param context the processor's context
     * @return the position
     */
    public static Origin of(ProcessorContext<?, ?> context) {
        return context.recordMetadata()
                .map(m -> new Origin(m.topic(), m.partition(), m.offset()))
                .orElse(new Origin("unknown", -1, -1));
    }

    /** E.g. {@code spikestream.frames-0@42}. */
    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
