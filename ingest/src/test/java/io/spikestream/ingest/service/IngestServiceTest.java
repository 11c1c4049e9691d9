package io.spikestream.ingest.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.ingest.config.IngestConfig;
import io.spikestream.ingest.encode.FrameTooLargeException;
import io.spikestream.ingest.image.RgbImages;
import io.spikestream.ingest.publish.PublishException;
import io.spikestream.ingest.publish.SequenceLookupException;
import io.spikestream.ingest.publish.SequenceOrigin;
import io.spikestream.ingest.source.TestVideos;
import io.spikestream.scenes.SceneGenerator;
import io.spikestream.schemas.TopicSpec;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.ImageEncoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private volatile MockProducer<String, Frame> mock;
    private final Map<String, Object> producerConfigs = new HashMap<>();
    private final List<String> createdTopics = new CopyOnWriteArrayList<>();
    private final List<IngestProgress> reports = new CopyOnWriteArrayList<>();
    private final List<Optional<Throwable>> finished = new CopyOnWriteArrayList<>();

    private IngestService service(boolean autoComplete, Object... settings) {
        return service(camera -> 0, autoComplete, settings);
    }

    private IngestService service(SequenceOrigin origin, boolean autoComplete, Object... settings) {
        Map<String, Object> m = new HashMap<>(Map.of("bootstrap.servers", "localhost:9092", "pacing", "max",
                "progress.interval.ms", "10"));
        for (int i = 0; i < settings.length; i += 2) {
            m.put((String) settings[i], settings[i + 1]);
        }
        IngestService.Builder b = IngestService.builder(new IngestConfig(m));
        return (origin == null ? b : b.optSequenceOrigin(origin))
                .optProducerFactory((c, k, v) -> {
                    producerConfigs.putAll(c);
                    mock = new MockProducer<>(autoComplete, null, k, v);
                    return mock;
                })
                .optTopicCreator(spec -> createdTopics.add(spec.name() + " " + spec.topicConfigs()))
                .optListener(new IngestListener() {
                    @Override
                    public void onProgress(IngestProgress progress) {
                        reports.add(progress);
                    }

                    @Override
                    public void onFinished(IngestProgress progress, Optional<Throwable> failure) {
                        reports.add(progress);
                        finished.add(failure);
                    }
                })
                .build();
    }

    private static IngestService runToEnd(IngestService service) throws Exception {
        service.start();
        assertTrue(service.awaitCompletion(WAIT), "ingest did not finish");
        return service;
    }

    private List<Frame> sentFrames() {
        return mock.history().stream().map(ProducerRecord::value).toList();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void shouldPublishEverySyntheticFrameWithGroundTruthWhenRunToTheEnd() throws Exception {
        try (IngestService service = runToEnd(service(true, "source", "synthetic:seed=1,frames=4,width=128,height=64"))) {
            assertEquals(Optional.empty(), service.failure());
            assertEquals(List.of("spikestream.frames {max.message.bytes=10485760}"), createdTopics);
            assertEquals("all", producerConfigs.get("acks"));
            List<ProducerRecord<String, Frame>> sent = mock.history();
            assertEquals(4, sent.size());
            assertTrue(sent.stream().allMatch(r -> r.key().equals("synthetic-1")));
            assertEquals(List.of(0L, 1L, 2L, 3L), sentFrames().stream().map(Frame::getSequence).toList());
            byte[] gt = RgbImages.toGray8(ImageIO.read(new ByteArrayInputStream(bytes(sentFrames().get(2)
                    .getGroundTruthMask()))));
            assertArrayEquals(SceneGenerator.builder().setSeed(1).optSize(128, 64).build().render(2).labels(), gt);
            IngestProgress end = service.progress();
            assertTrue(end.finished());
            assertEquals(4, end.framesSent());
            assertEquals(4, end.framesAcknowledged());
            assertEquals(4, end.total().orElseThrow());
            assertTrue(end.bytesSent() > 0);
            assertEquals(List.of(Optional.empty()), finished);
            assertTrue(mock.closed());
            assertFalse(service.isRunning());
        }
    }

    @Test
    void shouldPublishFramesOfAVideoFileUpToMaxFrames() throws Exception {
        Path video = TestVideos.writeMovingSquare(dir.resolve("square.avi"));
        try (IngestService service = runToEnd(service(true, "source", video.toString(), "max.frames", "5",
                "encoding", "png"))) {
            assertEquals(Optional.empty(), service.failure());
            assertEquals(5, mock.history().size());
            assertEquals("square.avi", mock.history().get(0).key());
            Frame first = sentFrames().get(0);
            assertEquals(ImageEncoding.PNG, first.getEncoding());
            assertEquals(160, first.getWidth());
            assertEquals(null, first.getGroundTruthMask());
            assertTrue(first.getSource().contains("square.avi"), first.getSource());
            assertEquals(5, service.progress().total().orElseThrow());
        }
    }

    @Test
    void shouldReplayTheFileWithRisingSequenceNumbersWhenLooping() throws Exception {
        Path video = TestVideos.writeMovingSquare(dir.resolve("loop.avi"));
        long n = TestVideos.FRAMES * 2 + 5;
        try (IngestService service = runToEnd(service(true, "source", video.toString(), "loop", "true",
                "max.frames", Long.toString(n), "max.width", "80"))) {
            assertEquals(Optional.empty(), service.failure());
            assertEquals(LongStream.range(0, n).boxed().toList(), sentFrames().stream().map(Frame::getSequence).toList());
            assertEquals(80, sentFrames().get(0).getWidth());
            assertEquals(n, service.progress().total().orElseThrow());
        }
    }

    @Test
    void shouldFlushEveryAcceptedFrameWhenClosedWhileRunning() throws Exception {
        IngestService service = service(false, "source", "synthetic:frames=0,width=128,height=64", "pacing", "fixed:50");
        service.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((mock == null || mock.history().size() < 3) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(service.isRunning());
        service.close();
        assertTrue(service.awaitCompletion(Duration.ZERO));
        assertEquals(Optional.empty(), service.failure());
        IngestProgress end = service.progress();
        assertTrue(end.framesSent() >= 3);
        assertEquals(end.framesSent(), end.framesAcknowledged());
        assertTrue(end.total().isEmpty());
        assertTrue(mock.closed());
        assertTrue(reports.size() >= 2, "progress reports: " + reports.size());
    }

    @Test
    void shouldEndWithTheSendFailureWhenTheProducerFails() throws Exception {
        IngestService service = IngestService.builder(new IngestConfig(Map.of("bootstrap.servers", "x:1",
                        "source", "synthetic:frames=3,width=128,height=64", "pacing", "max")))
                .optProducerFactory((c, k, v) -> {
                    MockProducer<String, Frame> p = new MockProducer<>(true, null, k, v);
                    p.sendException = new KafkaException("broker unreachable");
                    return p;
                })
                .optSequenceOrigin(camera -> 0)
                .optTopicCreator(TopicCreator.NONE)
                .optListener(new IngestListener() {
                    @Override
                    public void onProgress(IngestProgress progress) {}

                    @Override
                    public void onFinished(IngestProgress progress, Optional<Throwable> failure) {
                        finished.add(failure);
                    }
                }).build();
        try (service) {
            runToEnd(service);
            PublishException e = assertInstanceOf(PublishException.class, service.failure().orElseThrow());
            assertTrue(e.getMessage().contains("broker unreachable"), e.getMessage());
            assertEquals(1, service.progress().sendFailures());
            assertEquals(service.failure(), finished.get(0));
        }
    }

    @Test
    void shouldFailWithFixItMessageWhenFramesExceedTheRequestLimit() throws Exception {
        try (IngestService service = runToEnd(service(true, "source", "synthetic:frames=2,width=256,height=128",
                "encoding", "png", "kafka.max.request.size", "2000"))) {
            FrameTooLargeException e = assertInstanceOf(FrameTooLargeException.class, service.failure().orElseThrow());
            assertTrue(e.getMessage().contains("switch PNG to JPEG"), e.getMessage());
            assertTrue(mock.history().isEmpty());
        }
    }

    @Test
    void shouldFailToStartWhenTheTopicCannotBeCreated() {
        IngestService service = IngestService.builder(new IngestConfig(Map.of("bootstrap.servers", "x:1",
                        "source", "synthetic:frames=3,width=128,height=64")))
                .optProducerFactory((c, k, v) -> {
                    throw new AssertionError("no producer without a topic");
                })
                .optTopicCreator(spec -> {
                    throw new IOException("Cannot create topic " + spec.name());
                }).build();
        IOException e = assertThrows(IOException.class, service::start);
        assertTrue(e.getMessage().contains("spikestream.frames"));
        assertFalse(service.isRunning());
        service.close();
    }

    @Test
    void shouldUseTheConfiguredTopicSpecWhenPrefixed() throws Exception {
        List<TopicSpec<?>> specs = new ArrayList<>();
        IngestService service = IngestService.builder(new IngestConfig(Map.of("bootstrap.servers", "x:1",
                        "source", "synthetic:frames=1,width=128,height=64", "pacing", "max", "topics.prefix", "t.")))
                .optProducerFactory((c, k, v) -> mock = new MockProducer<>(true, null, k, v))
                .optSequenceOrigin(camera -> 0).optTopicCreator(specs::add).build();
        try (service) {
            runToEnd(service);
            assertEquals("t.spikestream.frames", specs.get(0).name());
            assertEquals("t.spikestream.frames", mock.history().get(0).topic());
        }
    }

    @Test
    void shouldContinueTheCameraWhereItsOriginSaysWhenRestarted() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        SequenceOrigin origin = camera -> {
            asked.add(camera);
            return 300;
        };
        try (IngestService service = runToEnd(service(origin, true, "source",
                "synthetic:frames=3,width=128,height=64", "camera.id", "cam-1"))) {
            assertEquals(List.of(300L, 301L, 302L), mock.history().stream().map(r -> r.value().getSequence()).toList());
            assertEquals(List.of("cam-1"), asked);
        }
    }

    @Test
    void shouldStartAtTheConfiguredSequenceWithoutAskingTheTopicWhenSequenceStartIsSet() throws Exception {
        try (IngestService service = runToEnd(service(null, true, "source", "synthetic:frames=2,width=128,height=64",
                "bootstrap.servers", "unreachable.invalid:9", "sequence.start", "500"))) {
            assertTrue(service.failure().isEmpty(), () -> service.failure().get().toString());
            assertEquals(List.of(500L, 501L), mock.history().stream().map(r -> r.value().getSequence()).toList());
        }
    }

    @Test
    void shouldSendNothingAndEndWithTheLookupFailureWhenTheTopicCannotAnswer() throws Exception {
        SequenceOrigin origin = camera -> {
            throw new SequenceLookupException("Cannot find where camera '" + camera + "' left off", null);
        };
        try (IngestService service = runToEnd(service(origin, true, "source", "synthetic:frames=2,width=128,height=64",
                "camera.id", "cam-1"))) {
            SequenceLookupException e = assertInstanceOf(SequenceLookupException.class,
                    service.failure().orElseThrow());
            assertTrue(e.getMessage().contains("'cam-1'"), e.getMessage());
            assertTrue(mock.history().isEmpty());
        }
    }
}
