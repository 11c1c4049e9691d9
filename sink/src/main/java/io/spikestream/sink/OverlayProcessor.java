package io.spikestream.sink;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.vision.InvalidImageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the overlay of each joined (frame, result) pair and adds it to the evaluation; counts frames left
 * without a result. Bad images are logged and counted, I/O errors fail the task (see
 * {@link ResultFilesProcessor}).
 */
final class OverlayProcessor implements Processor<String, FrameAndResult, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(OverlayProcessor.class);

    private final SinkWriter writer;
    private ProcessorContext<Void, Void> context;

    OverlayProcessor(SinkWriter writer) {
        this.writer = writer;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, FrameAndResult> record) {
        Frame frame = record.value().frame();
        if (record.value().result() == null) {
            writer.frameWithoutResult(frame);
            return;
        }
        try {
            writer.writeOverlay(frame, record.value().result());
        } catch (InvalidImageException e) {
            writer.metrics().badFrame();
            LOG.warn("No overlay for camera '{}' sequence {} ({}): {}", frame.getCameraId(), frame.getSequence(),
                    Where.of(context), e.getMessage());
        } catch (IOException e) {
            writer.metrics().writeFailed(e);
            throw new UncheckedIOException("cannot write the overlay of camera '" + frame.getCameraId()
                    + "' sequence " + frame.getSequence() + " under " + writer.layout().root(), e);
        }
    }
}
