package io.spikestream.inference.stream;

import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.vision.Segmenter;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * The inference topology:
 *
 * <pre>
 * frames-source (key String, value raw bytes)
 *   -&gt; segment-frames (SegmentationProcessor)
 *   -&gt; route-results -&gt; as-results -&gt; results-sink      (SegmentationResult)
 *   -&gt; route-dead-letters -&gt; as-dead-letters -&gt; dead-letter-sink (DeadLetter)
 * </pre>
 *
 * Live frames older than {@code live.max.age.ms} go to the results topic as skipped results, in the same
 * task (and under {@code exactly_once_v2} the same transaction) as the processed ones.
 *
 * Frame values are consumed as bytes so that every decoding problem is seen by the processor, which
 * can name it in the dead letter. No state stores: per-camera state lives on the inference device.
 */
public final class SegmentationTopology {

    /** Source node reading the frames topic. */
    public static final String SOURCE = "frames-source";
    /** The processor node that segments frames. */
    public static final String PROCESSOR = "segment-frames";
    /** Sink node writing results. */
    public static final String RESULTS_SINK = "results-sink";
    /** Sink node writing dead letters. */
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private SegmentationTopology() {}

    /**
     * Adds the topology to a builder; live frames' ages are measured with the system clock.
     *
     * @param builder the builder
     * @param settings topics, serdes and the live frames' maximum age
     * @param segmenter the model (shared by all stream threads)
     * @param metrics counters to update
     */
    public static void build(StreamsBuilder builder, TopologySettings settings, Segmenter segmenter,
            InferenceMetrics metrics) {
        build(builder, settings, segmenter, metrics, Clock.systemUTC());
    }

    /**
     * Adds the topology to a builder.
     *
     * @param builder the builder
     * @param settings topics, serdes and the live frames' maximum age
     * @param segmenter the model (shared by all stream threads)
     * @param metrics counters to update
     * @param clock the wall clock live frames' ages (clock minus capture time) are measured with
     */
    public static void build(StreamsBuilder builder, TopologySettings settings, Segmenter segmenter,
            InferenceMetrics metrics, Clock clock) {
        Topics topics = settings.topics();
        SerdeFactory serdes = settings.serdes();
        LiveFrameGate gate = new LiveFrameGate(settings.liveMaxAgeMillis(), clock);
        ProcessorSupplier<String, byte[], String, SpecificRecord> supplier = () -> new SegmentationProcessor(
                new FrameDecoder(serdes.valueSerde(topics.frames()).deserializer()), gate, segmenter, metrics);
        KStream<String, SpecificRecord> out = builder
                .stream(topics.frames().name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(SOURCE))
                .process(supplier, Named.as(PROCESSOR));
        route(out, topics, serdes);
    }

    private static void route(KStream<String, SpecificRecord> out, Topics topics, SerdeFactory serdes) {
        out.split(Named.as("route-"))
                .branch((k, v) -> v instanceof SegmentationResult, Branched.withConsumer(s -> s
                        .mapValues(v -> (SegmentationResult) v, Named.as("as-results"))
                        .to(topics.results().name(), Produced.with(serdes.keySerde(),
                                serdes.valueSerde(topics.results())).withName(RESULTS_SINK)), "results"))
                .branch((k, v) -> v instanceof DeadLetter, Branched.withConsumer(s -> s
                        .mapValues(v -> (DeadLetter) v, Named.as("as-dead-letters"))
                        .to(topics.deadLetters().name(), Produced.with(serdes.keySerde(),
                                serdes.valueSerde(topics.deadLetters())).withName(DEAD_LETTER_SINK)),
                        "dead-letters"))
                .noDefaultBranch();
    }
}
