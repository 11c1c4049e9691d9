package io.spikestream.inference.stream;

import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.Skip;
import io.spikestream.schemas.avro.StageTimings;
import io.spikestream.schemas.deadletter.DeadLetters;
import io.spikestream.schemas.deadletter.InvalidRecordException;
import io.spikestream.schemas.deadletter.Origin;
import io.spikestream.vision.SegmentationOutput;
import io.spikestream.vision.SegmentationRequest;
import io.spikestream.vision.Segmenter;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Segments one frame record: decode and validate, call the {@link Segmenter} (blocking; batched with
 * other stream threads' frames), encode the mask as PNG, forward a {@link SegmentationResult}. Invalid
 * frames are forwarded as a {@link DeadLetter} instead. A live frame that the {@link LiveFrameGate} finds too
 * old, before its image is decoded or just before it joins a batch, is not segmented: a skipped
 * {@link SegmentationResult} is forwarded instead, so every frame gets exactly one record. A segmenter failure
 * is not the frame's fault and propagates (the uncaught-exception handler decides).
 */
final class SegmentationProcessor implements Processor<String, byte[], String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentationProcessor.class);

    private final FrameDecoder decoder;
    private final LiveFrameGate gate;
    private final Segmenter segmenter;
    private final ResultAssembler assembler;
    private final InferenceMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;

    SegmentationProcessor(FrameDecoder decoder, LiveFrameGate gate, Segmenter segmenter, InferenceMetrics metrics) {
        this.decoder = decoder;
        this.gate = gate;
        this.segmenter = segmenter;
        this.assembler = new ResultAssembler(segmenter.modelId());
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long arrival = System.nanoTime();
        metrics.frameIn();
        Origin origin = Origin.of(context);
        try {
            Frame frame = decoder.read(origin.topic(), record.key(), record.value());
            if (skipped(record, frame, arrival)) {
                return;
            }
            DecodedFrame decoded = decoder.pixels(frame);
            if (!skipped(record, frame, arrival)) {
                segmentAndForward(record, decoded, arrival);
            }
        } catch (InvalidRecordException e) {
            reject(record, origin, e);
        }
    }

    private boolean skipped(Record<String, byte[]> record, Frame frame, long arrival) {
        Optional<Skip> skip = gate.check(frame);
        skip.ifPresent(s -> {
            long micros = micros(System.nanoTime() - arrival);
            StageTimings timings = StageTimings.newBuilder().setQueueWaitMicros(0).setDecodeMicros(micros)
                    .setPreprocessMicros(0).setInferenceMicros(0).setPostprocessMicros(0).setTotalMicros(micros)
                    .build();
            metrics.skip(frame.getCameraId(), s.getReason());
            context.forward(record.withValue(assembler.skipped(frame, s, timings)));
        });
        return skip.isPresent();
    }

    private void segmentAndForward(Record<String, byte[]> record, DecodedFrame frame, long arrival) {
        long checked = gate.now();
        long decoded = System.nanoTime();
        SegmentationOutput out = segment(frame);
        long segmented = System.nanoTime();
        byte[] mask = out.mask().encodePng();
        StageTimings timings = timings(out, arrival, decoded, segmented);
        SegmentationResult result = assembler.build(frame, out, mask, timings);
        metrics.result(frame.frame().getCameraId(), out, timings);
        context.forward(record.withValue(result));
        gate.served(frame.frame(), gate.now() - checked);
    }

    private SegmentationOutput segment(DecodedFrame frame) {
        try {
            return segmenter.segment(new SegmentationRequest(frame.frame().getCameraId(), frame.frame().getSequence(),
                    frame.frame().getCaptureTime().toEpochMilli(), frame.image()));
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    private static StageTimings timings(SegmentationOutput out, long arrival, long decoded, long segmented) {
        long done = System.nanoTime();
        return StageTimings.newBuilder()
                .setQueueWaitMicros(micros(out.queueWaitNanos()))
                .setDecodeMicros(micros(decoded - arrival))
                .setPreprocessMicros(micros(out.preprocessNanos()))
                .setInferenceMicros(micros(out.inferenceNanos()))
                .setPostprocessMicros(micros(out.postprocessNanos() + done - segmented))
                .setTotalMicros(micros(done - arrival))
                .build();
    }

    private void reject(Record<String, byte[]> record, Origin origin, InvalidRecordException e) {
        metrics.deadLetter(e.rejection());
        DeadLetter letter = DeadLetters.of("Frame", origin, record.key(), e, record.value());
        LOG.warn("{}", letter.getReason());
        context.forward(record.withValue((SpecificRecord) letter));
    }

    private static long micros(long nanos) {
        return nanos / 1000;
    }
}
