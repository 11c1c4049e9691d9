package io.spikestream.sink;

import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.ClassStatistics;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The sink topology in a {@link TopologyTestDriver}, writing PNG overlays under {@code <tmp>/out}. */
final class SinkHarness {

    final SinkConfig config;
    final SinkMetrics metrics = new SinkMetrics();
    final SinkWriter writer;
    final TopologyTestDriver driver;
    final TestInputTopic<String, SegmentationResult> results;
    final TestInputTopic<String, Frame> frames;
    final TestOutputTopic<String, ClassStatistics> stats;

    SinkHarness(Path tmp, Map<String, String> overrides, long now) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                SinkConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
                SinkConfig.OUTPUT_DIR_CONFIG, tmp.resolve("out").toString(),
                SinkConfig.OVERLAY_FORMAT_CONFIG, "png",
                SinkConfig.STATE_DIR_CONFIG, tmp.resolve("state").toString()));
        settings.putAll(overrides);
        config = new SinkConfig(settings);
        try {
            writer = SinkWriter.from(config, metrics, () -> now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamsBuilder builder = new StreamsBuilder();
        SinkTopology.build(builder, config, writer);
        Properties props = new Properties();
        props.putAll(config.streamsProperties(metrics));
        driver = new TopologyTestDriver(builder.build(), props);
        SerdeFactory serdes = SerdeFactory.singleObject();
        results = driver.createInputTopic(Topics.RESULTS.name(), new StringSerializer(),
                serdes.valueSerde(Topics.RESULTS).serializer());
        frames = driver.createInputTopic(Topics.FRAMES.name(), new StringSerializer(),
                serdes.valueSerde(Topics.FRAMES).serializer());
        stats = driver.createOutputTopic(Topics.STATS.name(), new StringDeserializer(),
                serdes.valueSerde(Topics.STATS).deserializer());
    }
}
