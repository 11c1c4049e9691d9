package io.spikestream.inference.stream;

import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.avro.SegmentationResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The inference topology in a {@link TopologyTestDriver} with a {@link FakeSegmenter}. */
final class TopologyHarness implements AutoCloseable {

    final InferenceMetrics metrics = new InferenceMetrics();
    final FakeSegmenter segmenter = new FakeSegmenter();
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> frames;
    final TestOutputTopic<String, SegmentationResult> results;
    final TestOutputTopic<String, DeadLetter> deadLetters;

    TopologyHarness(Path stateDir, Map<String, Object> settings, Clock clock) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put(InferenceConfig.STATE_DIR_CONFIG, stateDir.toString());
        InferenceConfig config = new InferenceConfig(all);
        StreamsBuilder builder = new StreamsBuilder();
        SegmentationTopology.build(builder, config.topologySettings(), segmenter, metrics, clock);
        driver = new TopologyTestDriver(builder.build(), config.streamsProperties(metrics));
        SerdeFactory serdes = SerdeFactory.singleObject();
        frames = driver.createInputTopic(Topics.FRAMES.name(), new StringSerializer(), new ByteArraySerializer());
        results = driver.createOutputTopic(Topics.RESULTS.name(), new StringDeserializer(),
                serdes.valueSerde(Topics.RESULTS).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new StringDeserializer(),
                serdes.valueSerde(Topics.DEAD_LETTERS).deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
