package io.spikestream.sink;

import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.sink.mask.InvalidImageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each result's mask and CSV row. A result with an unreadable mask is logged with camera, topic,
 * partition and offset, counted and skipped; a failing disk (I/O error) fails the task, so its offset is not
 * committed and the result is written again after restart.
 */
final class ResultFilesProcessor implements Processor<String, SegmentationResult, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(ResultFilesProcessor.class);

    private final SinkWriter writer;
    private ProcessorContext<Void, Void> context;

    ResultFilesProcessor(SinkWriter writer) {
        this.writer = writer;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, SegmentationResult> record) {
        SegmentationResult result = record.value();
        try {
            writer.writeResult(result);
        } catch (InvalidImageException e) {
            writer.metrics().badResult();
            LOG.warn("Skipping result of camera '{}' sequence {} ({}): {}", result.getCameraId(),
                    result.getSequence(), Where.of(context), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write files of camera '" + result.getCameraId() + "' sequence "
                    + result.getSequence() + " under " + writer.layout().root(), e);
        }
    }
}
