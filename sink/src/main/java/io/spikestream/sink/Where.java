package io.spikestream.sink;

import org.apache.kafka.streams.processor.api.ProcessorContext;

/** Formats where the current record came from, for log messages. */
final class Where {

    private Where() {
    }

    /** {@code topic <t> partition <p> offset <o>}, or {@code unknown source} (e.g. records from a join). */
    static String of(ProcessorContext<?, ?> context) {
        return context.recordMetadata()
                .map(m -> "topic " + m.topic() + " partition " + m.partition() + " offset " + m.offset())
                .orElse("unknown source");
    }
}
