package io.spikestream.ingest.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.spikestream.ingest.encode.EncodedFrame;
import io.spikestream.ingest.encode.FrameTooLargeException;
import io.spikestream.ingest.encode.ImageFormat;
import io.spikestream.ingest.source.CapturedFrame;
import io.spikestream.schemas.TopicSpec;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.FrameDelivery;
import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.metrics.KafkaMeters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Publishes encoded frames as Avro {@link Frame} records to the frames topic, keyed by camera id, and owns the
 * producer ({@link FramePublisherBuilder}: idempotent, {@code acks=all}, compressed, {@code max.request.size}
 * from the topic).
 *
 * <p>Each camera's frames are numbered from where its {@link SequenceOrigin} says, normally after the highest
 * sequence the topic already holds for it (see {@code SequenceNumbers}: gaps mean dropped frames). The
 * record timestamp is the capture time. Before sending, the encoded size is checked against the record limit
 * ({@code min(topic max.message.bytes, max.request.size)} minus {@value #ENVELOPE_BYTES} bytes for the Avro
 * envelope and Kafka's record headers), so an oversized frame fails with a {@link FrameTooLargeException}
 * saying how to fix it instead of a bare {@code RecordTooLargeException}.
 *
 * <p>Delivery is asynchronous; callbacks count acknowledged and failed sends. A failure is never swallowed:
 * the next {@link #publish}, {@link #flush()} or {@link #close()} throws a {@link PublishException} with the
 * first failure as cause. {@link #close()} flushes first, so every frame accepted by {@code publish} is
 * delivered (or reported) on a clean shutdown. One thread publishes; counters may be read from any thread.
 */
public final class FramePublisher implements AutoCloseable {

    /** Bytes of each record's limit reserved for the Avro envelope and Kafka's record and batch headers. */
    public static final int ENVELOPE_BYTES = 512;

    private final Producer<String, Frame> producer;
    private final TopicSpec<Frame> topic;
    private final int maxRecordBytes;
    private final Duration closeTimeout;
    private final SequenceNumbers sequences;
    private final FrameDelivery delivery;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong bytesAcknowledged = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    FramePublisher(Producer<String, Frame> producer, TopicSpec<Frame> topic, int maxRequestSize,
            Duration closeTimeout, SequenceOrigin origin, FrameDelivery delivery) {
        this.producer = producer;
        this.delivery = delivery;
        this.sequences = new SequenceNumbers(origin);
        this.topic = topic;
        this.maxRecordBytes = Math.min(maxRequestSize, topic.maxMessageBytes());
        this.closeTimeout = closeTimeout;
    }

    public static FramePublisherBuilder builder() {
        return new FramePublisherBuilder();
    }

    /**
     * Sends one frame asynchronously.
     *
     * @param cameraId the record key and {@code Frame.cameraId}
     * @param captured the frame as captured (index for the sequence number, capture time)
     * @param encoded the encoded picture and optional ground-truth PNG
     * @param source description stored in {@code Frame.source}, or {@code null}
     * @return the frame's sequence number
     * @throws FrameTooLargeException when the frame does not fit the record limit (nothing is sent)
     * @throws PublishException when an earlier send failed, or this one was refused at once
     * @throws SequenceLookupException when this is the camera's first frame and its numbering cannot be found
     */
    public long publish(String cameraId, CapturedFrame captured, EncodedFrame encoded, String source) {
        checkHealthy();
        checkSize(cameraId, captured, encoded, source);
        long sequence = sequences.next(cameraId, captured.index());
        Frame frame = toRecord(cameraId, sequence, captured, encoded, source, delivery);
        send(new ProducerRecord<>(topic.name(), null, captured.capturedAtEpochMs(), cameraId, frame),
                encoded.totalBytes());
        return sequence;
    }

    private void send(ProducerRecord<String, Frame> record, int bytes) {
        try {
            producer.send(record, (metadata, e) -> completed(bytes, e));
            published.incrementAndGet();
        } catch (InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            completed(bytes, e);
            throw new PublishException("Cannot send frame " + record.value().getSequence() + " of camera '"
                    + record.key() + "' to topic " + topic.name() + ": " + e.getMessage(), e);
        }
    }

    private void completed(int bytes, Exception e) {
        if (e == null) {
            acknowledged.incrementAndGet();
            bytesAcknowledged.addAndGet(bytes);
        } else {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, e);
        }
    }

    /**
     * The largest picture plus label size (bytes) a frame of {@code cameraId} described by {@code source} may
     * encode to; the encoder is configured with it so that it rejects oversized frames first.
     */
    public int maxEncodedBytes(String cameraId, String source) {
        return maxRecordBytes - ENVELOPE_BYTES - stringBytes(cameraId, source);
    }

    private void checkSize(String cameraId, CapturedFrame captured, EncodedFrame encoded, String source) {
        int limit = maxEncodedBytes(cameraId, source);
        if (encoded.totalBytes() > limit) {
            String settings = String.format(Locale.ROOT, "%s at %dx%d%s; record limit %,d bytes of topic %s",
                    encoded.format(), encoded.width(), encoded.height(),
                    encoded.label().isPresent() ? " with ground truth" : "", maxRecordBytes, topic.name());
            throw new FrameTooLargeException(cameraId, captured.index(), encoded.totalBytes(), limit, settings);
        }
    }

    private static int stringBytes(String cameraId, String source) {
        int id = cameraId.getBytes(StandardCharsets.UTF_8).length;
        return 2 * id + (source == null ? 0 : source.getBytes(StandardCharsets.UTF_8).length);
    }

    static Frame toRecord(String cameraId, long sequence, CapturedFrame captured, EncodedFrame encoded,
            String source, FrameDelivery delivery) {
        return Frame.newBuilder()
                .setCameraId(cameraId)
                .setSequence(sequence)
                .setCaptureTime(Instant.ofEpochMilli(captured.capturedAtEpochMs()))
                .setWidth(encoded.width())
                .setHeight(encoded.height())
                .setEncoding(encoded.format() == ImageFormat.PNG ? ImageEncoding.PNG : ImageEncoding.JPEG)
                .setImage(ByteBuffer.wrap(encoded.image()))
                .setGroundTruthMask(encoded.label().map(ByteBuffer::wrap).orElse(null))
                .setSource(source)
                .setDelivery(delivery)
                .build();
    }

    /** Blocks until every frame sent so far is acknowledged or failed. @throws PublishException on a failure */
    public void flush() {
        producer.flush();
        checkHealthy();
    }

    /** Flushes, then closes the producer. @throws PublishException when any send failed */
    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close(closeTimeout);
        }
        checkHealthy();
    }

    private void checkHealthy() {
        Exception e = firstFailure.get();
        if (e != null) {
            throw new PublishException(String.format(Locale.ROOT, "%d frame(s) could not be delivered to topic %s; "
                    + "first failure: %s. Check that the brokers are reachable and that the topic accepts "
                    + "records of this size (max.message.bytes)", failed.get(), topic.name(), e), e);
        }
    }

    /**
     * Binds Micrometer's meters of the producer ({@code kafka.producer.*}) until the returned binder is closed.
     *
     * @param registry where to register
     * @param tags added to every meter
     * @return the bound meters; close them when the producer is closed
     */
    public KafkaMeters bindClientMetrics(MeterRegistry registry, Iterable<Tag> tags) {
        return KafkaMeters.bind(registry, "ingest-kafka-meters", scheduler -> new KafkaClientMetrics(producer, tags,
                scheduler, KafkaMeters.REFRESH));
    }

    /** The producer's metrics ({@code connection-count} among them). */
    public Map<MetricName, ? extends Metric> metrics() {
        return producer.metrics();
    }

    /** The first send failure, if any. */
    public Optional<Exception> failure() {
        return Optional.ofNullable(firstFailure.get());
    }

    /** Frames handed to the producer. */
    public long published() {
        return published.get();
    }

    /** Frames the brokers acknowledged. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Sends that failed (after the producer's retries, or refused at once). */
    public long failedSends() {
        return failed.get();
    }

    /** Encoded picture plus label bytes of the acknowledged frames. */
    public long bytesAcknowledged() {
        return bytesAcknowledged.get();
    }

    /** The record limit: {@code min(topic max.message.bytes, max.request.size)}. */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    public TopicSpec<Frame> topic() {
        return topic;
    }
}
