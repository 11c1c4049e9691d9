package io.spikestream.sink;

import io.spikestream.schemas.TopicSpec;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.ClassStatistics;
import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.sink.stats.WindowAggregate;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The sink's Kafka Streams topology. Result values are read as bytes and checked by
 * {@link ResultFilesProcessor} ({@link ResultDecoder}): a result that cannot be used (undecodable Avro, a
 * tombstone, invalid fields, a mask that is not a PNG of the result's size) goes to the result dead-letter
 * topic ({@code spikestream.results.dlq}) with its original bytes, key, position and reason, and is counted;
 * records Kafka itself cannot deserialize (e.g. a frame read for overlays) go there through the
 * deserialization exception handler. Good results (key = camera id) feed three branches; a live frame inference
 * skipped has a result without mask, which gets its CSV row and is counted apart in the statistics, but writes no
 * mask or overlay and is not evaluated:
 * <ol>
 *   <li><b>files</b>: every result's mask PNG and CSV row are written at once ({@link ResultFilesProcessor}),
 *       whether or not its frame is ever seen;</li>
 *   <li><b>overlays and evaluation</b>: frames and results are re-keyed by {@code <camera>/<sequence>}
 *       (repartition topics {@code <app>-frames-by-sequence-repartition} and
 *       {@code <app>-results-by-sequence-repartition}) and left-joined, frame first, within the join window
 *       on capture time; a pair writes the overlay and feeds the evaluation, a frame whose window closes
 *       without a result is counted ({@link OverlayProcessor});</li>
 *   <li><b>statistics</b>: tumbling windows per camera ({@code stats.window.ms}, grace {@code stats.grace.ms})
 *       aggregate a {@link WindowAggregate} into {@link ClassStatistics} on the stats topic, once per window
 *       after it closes (suppressed) or on each update.</li>
 * </ol>
 * Event time is the capture time ({@link CaptureTimeExtractor}).
 *
 * <p><b>Replays.</b> Every output counts a frame once per (camera, sequence), whether the sink runs
 * at-least-once or exactly-once and however often it restarts: a mask is written and a CSV row appended only
 * for a frame the camera's {@code stats.csv} does not hold yet, overlays are replaced atomically, the
 * evaluation adds a frame only when its ledger ({@code evaluation-frames.csv}) does not hold it, and each
 * statistics window remembers its sequences. A different frame with a (camera, sequence) the output holds
 * (frames numbered again by a new broker) stops the sink with an {@link
 * io.spikestream.sink.replay.OutputConflictException} before anything is replaced.
 *
 * <p><b>Keys.</b> The join uses the record key: a frame joins as {@code <key>/<sequence>}, and a frame whose
 * key differs from its camera id (inference dead-letters it, so it never has a result) takes no part.
 */
public final class SinkTopology {

    /** Name of the window store of the statistics branch. */
    public static final String STATS_STORE = "stats-windows";
    /** Name prefix of the join stores. */
    public static final String JOIN_STORE = "overlay-join";

    private SinkTopology() {
    }

    /** Adds the sink to {@code builder}. */
    public static void build(StreamsBuilder builder, SinkConfig config, SinkWriter writer) {
        Topics topics = config.topics();
        Serde<SegmentationResult> resultSerde = config.serdes().valueSerde(topics.results());
        Map<String, KStream<String, SpecificRecord>> routes = builder
                .stream(topics.results().name(), consumed(Serdes.ByteArray()).withName("results"))
                .process(() -> new ResultFilesProcessor(new ResultDecoder(resultSerde.deserializer()), writer),
                        Named.as("result-files"))
                .split(Named.as("route-"))
                .branch((camera, v) -> v instanceof DeadLetter, Branched.withConsumer(
                        letters -> deadLetters(config, topics.resultDeadLetters(), letters), "dead-letters"))
                .defaultBranch(Branched.as("results"));
        KStream<String, SegmentationResult> results = routes.get("route-results")
                .mapValues(v -> (SegmentationResult) v, Named.as("as-results"));
        if (writer.needsFrames()) {
            joinFrames(builder, config, topics.frames(), results, resultSerde, writer);
        }
        statistics(config, topics.stats(), results, resultSerde);
    }

    /** The join key of a frame or result, {@code <camera>/<sequence>} (unambiguous: sequence is numeric). */
    public static String sequenceKey(String cameraId, long sequence) {
        return cameraId + "/" + sequence;
    }

    private static void deadLetters(SinkConfig config, TopicSpec<DeadLetter> topic,
            KStream<String, SpecificRecord> letters) {
        letters.mapValues(v -> (DeadLetter) v, Named.as("as-dead-letters"))
                .to(topic.name(), Produced.with(Serdes.String(), config.serdes().valueSerde(topic))
                        .withName("results-dead-letters"));
    }

    private static void joinFrames(StreamsBuilder builder, SinkConfig config, TopicSpec<Frame> framesTopic,
            KStream<String, SegmentationResult> results, Serde<SegmentationResult> resultSerde, SinkWriter writer) {
        Serde<Frame> frameSerde = config.serdes().valueSerde(framesTopic);
        KStream<String, Frame> frames = builder
                .stream(framesTopic.name(), consumed(frameSerde).withName("frames"))
                .filter((key, frame) -> frame != null && frame.getCameraId().equals(key),
                        Named.as("frames-keyed-by-camera"))
                .selectKey((key, f) -> sequenceKey(key, f.getSequence()), Named.as("frame-key"))
                .repartition(Repartitioned.with(Serdes.String(), frameSerde).withName("frames-by-sequence"));
        KStream<String, SegmentationResult> bySequence = results
                .selectKey((key, r) -> sequenceKey(key, r.getSequence()), Named.as("result-key"))
                .repartition(Repartitioned.with(Serdes.String(), resultSerde).withName("results-by-sequence"));
        frames.leftJoin(bySequence, FrameAndResult::new, JoinWindows.ofTimeDifferenceWithNoGrace(config.joinWindow()),
                        StreamJoined.with(Serdes.String(), frameSerde, resultSerde)
                                .withName(JOIN_STORE).withStoreName(JOIN_STORE))
                .process(() -> new OverlayProcessor(writer), Named.as("overlay-files"));
    }

    private static void statistics(SinkConfig config, TopicSpec<ClassStatistics> statsTopic,
            KStream<String, SegmentationResult> results, Serde<SegmentationResult> resultSerde) {
        KTable<Windowed<String>, WindowAggregate> windows = results
                .groupByKey(Grouped.with("results-by-camera", Serdes.String(), resultSerde))
                .windowedBy(TimeWindows.ofSizeAndGrace(config.statsWindow(), config.statsGrace()))
                .aggregate(WindowAggregate::new, (camera, result, agg) -> agg.add(result), Named.as("stats-aggregate"),
                        Materialized.<String, WindowAggregate, WindowStore<Bytes, byte[]>>as(STATS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(WindowAggregate.serde()));
        if (!config.emitStatsOnUpdate()) {
            windows = windows.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                    .withName("stats-until-window-closes"));
        }
        Serde<ClassStatistics> statsSerde = config.statsAsJson() ? config.serdes().jsonValueSerde(statsTopic)
                : config.serdes().valueSerde(statsTopic);
        windows.toStream(Named.as("stats-changes"))
                .filter((window, agg) -> agg != null, Named.as("stats-not-null"))
                .map((window, agg) -> KeyValue.pair(window.key(),
                        agg.toStatistics(window.key(), window.window().start(), window.window().end())),
                        Named.as("stats-record"))
                .to(statsTopic.name(), Produced.with(Serdes.String(), statsSerde).withName("stats"));
    }

    private static <V> Consumed<String, V> consumed(Serde<V> valueSerde) {
        return Consumed.with(Serdes.String(), valueSerde).withTimestampExtractor(new CaptureTimeExtractor());
    }
}
