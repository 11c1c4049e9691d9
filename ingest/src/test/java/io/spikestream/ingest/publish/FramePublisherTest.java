package io.spikestream.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.ingest.encode.EncodedFrame;
import io.spikestream.ingest.encode.FrameEncoder;
import io.spikestream.ingest.encode.FrameTooLargeException;
import io.spikestream.ingest.encode.ImageFormat;
import io.spikestream.ingest.image.RgbImages;
import io.spikestream.ingest.source.CapturedFrame;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.TopicSpec;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.ImageEncoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class FramePublisherTest {

    private static final int W = 16;
    private static final int H = 8;
    private static final FrameEncoder JPEG = FrameEncoder.builder().setFormat(ImageFormat.JPEG).build();

    private MockProducer<String, Frame> mock;
    private final Map<String, Object> configs = new HashMap<>();

    private FramePublisher publisher(boolean autoComplete, TopicSpec<Frame> topic) {
        return FramePublisher.builder().setBootstrapServers("localhost:9092").optTopic(topic)
                .setSequenceOrigin(camera -> 0)
                .optProducerFactory((c, k, v) -> {
                    configs.putAll(c);
                    mock = new MockProducer<>(autoComplete, null, k, v);
                    return mock;
                }).build();
    }

    static CapturedFrame frame(long index, long capturedAt) {
        byte[] rgb = new byte[W * H * 3];
        byte[] labels = new byte[W * H];
        for (int i = 0; i < labels.length; i++) {
            rgb[i * 3] = (byte) (i * 7 + index);
            labels[i] = (byte) (i % 5 == 0 ? 255 : i % 19);
        }
        return new CapturedFrame("cam", index, index * 100, capturedAt, W, H, rgb, labels);
    }

    private static long publish(FramePublisher p, String camera, long index) {
        CapturedFrame f = frame(index, 1_700_000_000_000L + index);
        return p.publish(camera, f, JPEG.encode(f), "test " + camera);
    }

    @Test
    void shouldKeyByCameraAndNumberEachCameraFromZeroWhenPublishing() {
        try (FramePublisher p = publisher(true, Topics.FRAMES)) {
            publish(p, "a", 0);
            publish(p, "b", 5);
            publish(p, "a", 1);
            publish(p, "b", 6);
            publish(p, "a", 3);
            List<ProducerRecord<String, Frame>> sent = mock.history();
            assertEquals(List.of("a", "b", "a", "b", "a"), sent.stream().map(ProducerRecord::key).toList());
            assertEquals(List.of(0L, 0L, 1L, 1L, 3L), sent.stream().map(r -> r.value().getSequence()).toList());
            assertEquals(List.of("a", "b", "a", "b", "a"), sent.stream().map(r -> r.value().getCameraId()).toList());
            assertEquals(1_700_000_000_003L, sent.get(4).timestamp());
            assertTrue(sent.stream().allMatch(r -> r.topic().equals("spikestream.frames")));
            assertEquals(5, p.published());
            assertEquals(5, p.acknowledged());
        }
    }

    @Test
    void shouldRoundTripSentFrameThroughSerdeFactoryWhenDecoded() throws IOException {
        CapturedFrame captured = frame(0, 1_700_000_000_123L);
        EncodedFrame encoded = JPEG.encode(captured);
        try (FramePublisher p = publisher(true, Topics.FRAMES)) {
            p.publish("cam-1", captured, encoded, "synthetic scenes seed 7");
        }
        Serde<Frame> serde = SerdeFactory.singleObject().valueSerde(Topics.FRAMES);
        byte[] wire = serde.serializer().serialize("spikestream.frames", mock.history().get(0).value());
        Frame back = serde.deserializer().deserialize("spikestream.frames", wire);
        assertEquals("cam-1", back.getCameraId());
        assertEquals(0L, back.getSequence());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_123L), back.getCaptureTime());
        assertEquals(W, back.getWidth());
        assertEquals(H, back.getHeight());
        assertEquals(ImageEncoding.JPEG, back.getEncoding());
        assertArrayEquals(encoded.image(), bytes(back.getImage()));
        assertEquals("synthetic scenes seed 7", back.getSource());
        byte[] gt = RgbImages.toGray8(ImageIO.read(new ByteArrayInputStream(bytes(back.getGroundTruthMask()))));
        assertArrayEquals(bytes(captured.labelTrainIds().orElseThrow()), gt);
    }

    @Test
    void shouldConfigureIdempotentCompressedProducerWithTopicLimitWhenBuilt() {
        try (FramePublisher p = publisher(true, Topics.FRAMES)) {
            assertEquals("all", configs.get("acks"));
            assertEquals(true, configs.get("enable.idempotence"));
            assertEquals("lz4", configs.get("compression.type"));
            assertEquals(Topics.FRAMES.maxMessageBytes(), configs.get("max.request.size"));
            assertEquals("localhost:9092", configs.get("bootstrap.servers"));
            assertEquals(Topics.FRAMES.maxMessageBytes(), p.maxRecordBytes());
        }
    }

    @Test
    void shouldRejectFrameOverTopicLimitBeforeSendingWhenTooLarge() {
        TopicSpec<Frame> small = new TopicSpec<>("small.frames", Frame.class, 1000);
        try (FramePublisher p = publisher(true, small)) {
            CapturedFrame f = frame(3, 0);
            EncodedFrame big = new EncodedFrame(new byte[600], ImageFormat.PNG, W, H, null);
            FrameTooLargeException e = assertThrows(FrameTooLargeException.class, () -> p.publish("cam", f, big, null));
            assertEquals(1000 - FramePublisher.ENVELOPE_BYTES - 6, e.limitBytes());
            assertEquals(3, e.frameIndex());
            assertTrue(e.getMessage().contains("max.message.bytes") && e.getMessage().contains("small.frames"),
                    e.getMessage());
            assertTrue(mock.history().isEmpty());
            assertEquals(0, p.published());
        }
    }

    @Test
    void shouldSurfaceSendFailureWhenBrokerRejectsFrame() {
        FramePublisher p = publisher(false, Topics.FRAMES);
        publish(p, "a", 0);
        publish(p, "a", 1);
        assertTrue(mock.completeNext());
        TimeoutException cause = new TimeoutException("Expiring 1 record(s): 120000 ms has passed");
        assertTrue(mock.errorNext(cause));
        PublishException next = assertThrows(PublishException.class, () -> publish(p, "a", 2));
        assertSame(cause, next.getCause());
        assertTrue(next.getMessage().contains("1 frame(s) could not be delivered"), next.getMessage());
        assertEquals(1, p.acknowledged());
        assertEquals(1, p.failedSends());
        assertThrows(PublishException.class, p::flush);
        assertThrows(PublishException.class, p::close);
        assertTrue(mock.closed());
    }

    @Test
    void shouldCountAndRethrowWhenProducerRefusesSendAtOnce() {
        FramePublisher p = publisher(true, Topics.FRAMES);
        mock.sendException = new KafkaException("buffer exhausted");
        PublishException e = assertThrows(PublishException.class, () -> publish(p, "a", 0));
        assertInstanceOf(KafkaException.class, e.getCause());
        assertEquals(1, p.failedSends());
        assertEquals(0, p.published());
    }

    @Test
    void shouldDeliverEveryAcceptedFrameWhenClosed() {
        FramePublisher p = publisher(false, Topics.FRAMES);
        for (int i = 0; i < 3; i++) {
            publish(p, "a", i);
        }
        assertEquals(0, p.acknowledged());
        p.close();
        assertEquals(3, p.acknowledged());
        assertTrue(p.bytesAcknowledged() > 0);
        assertTrue(mock.closed());
        assertTrue(p.failure().isEmpty());
    }

    @Test
    void shouldSayWhatToRemoveWhenOverridesWeakenDelivery() {
        for (Map<String, String> bad : List.of(Map.of("acks", "1"), Map.of("enable.idempotence", "false"),
                Map.of("value.serializer", "x"), Map.of("transactional.id", "t"), Map.of("partitioner.class", "x"),
                Map.of("partitioner.ignore.keys", "true"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FramePublisherBuilder.checkOverrides(bad), bad.toString());
            assertTrue(e.getMessage().contains("remove"), e.getMessage());
        }
        FramePublisherBuilder.checkOverrides(Map.of("acks", "-1", "linger.ms", "20", "partitioner.ignore.keys", "false"));
        assertThrows(IllegalArgumentException.class, () -> FramePublisher.builder().setBootstrapServers("x:1")
                .setSequenceOrigin(camera -> 0).optCompression("brotli").build());
        IllegalArgumentException noOrigin = assertThrows(IllegalArgumentException.class,
                () -> FramePublisher.builder().setBootstrapServers("x:1").build());
        assertTrue(noOrigin.getMessage().contains("SequenceOrigin"), noOrigin.getMessage());
    }

    @Test
    void shouldLeaveMaskEmptyWhenFrameHasNoGroundTruth() {
        CapturedFrame plain = new CapturedFrame("cam", 0, 0, 0, W, H, new byte[W * H * 3], null);
        try (FramePublisher p = publisher(true, Topics.FRAMES)) {
            p.publish("cam", plain, JPEG.encode(plain), null);
            assertNull(mock.history().get(0).value().getGroundTruthMask());
            assertNull(mock.history().get(0).value().getSource());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
