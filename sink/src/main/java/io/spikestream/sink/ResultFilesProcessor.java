package io.spikestream.sink;

import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.deadletter.DeadLetters;
import io.spikestream.schemas.deadletter.InvalidRecordException;
import io.spikestream.schemas.deadletter.Origin;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes each raw result ({@link ResultDecoder}), writes its mask and CSV row and forwards it, timestamped
 * with its capture time, to the statistics and overlay branches. A result that cannot be used is forwarded
 * as a {@link DeadLetter} (original bytes, key, position and reason) instead, logged once and counted; a
 * failing disk (I/O error) fails the task, so its offset is not committed and the result is written again
 * after restart.
 */
final class ResultFilesProcessor implements Processor<String, byte[], String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(ResultFilesProcessor.class);

    private final ResultDecoder decoder;
    private final SinkWriter writer;
    private ProcessorContext<String, SpecificRecord> context;

    ResultFilesProcessor(ResultDecoder decoder, SinkWriter writer) {
        this.decoder = decoder;
        this.writer = writer;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Origin origin = Origin.of(context);
        DecodedResult decoded;
        try {
            decoded = decoder.decode(origin.topic(), record.key(), record.value());
        } catch (InvalidRecordException e) {
            reject(record, origin, e);
            return;
        }
        SegmentationResult result = decoded.result();
        try {
            writer.writeResult(result, decoded.mask());
        } catch (IOException e) {
            writer.metrics().writeFailed(e);
            throw new UncheckedIOException("cannot write files of camera '" + result.getCameraId() + "' sequence "
                    + result.getSequence() + " under " + writer.layout().root(), e);
        }
        context.forward(record.<SpecificRecord>withValue(result)
                .withTimestamp(CaptureTimeExtractor.eventTime(result, record.timestamp())));
    }

    private void reject(Record<String, byte[]> record, Origin origin, InvalidRecordException e) {
        writer.metrics().deadLetter(e.rejection());
        DeadLetter letter = DeadLetters.of("Result", origin, record.key(), e, record.value());
        LOG.warn("{}", letter.getReason());
        context.forward(record.withValue((SpecificRecord) letter));
    }
}
