package io.spikestream.sink;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.sink.eval.Evaluation;
import io.spikestream.sink.eval.EvaluationWriter;
import io.spikestream.sink.files.FrameFileWriter;
import io.spikestream.sink.files.OutputLayout;
import io.spikestream.sink.files.StatsCsvWriter;
import io.spikestream.sink.live.LiveView;
import io.spikestream.sink.mask.Overlay;
import io.spikestream.sink.replay.OutputConflictException;
import io.spikestream.sink.replay.SequenceSet;
import io.spikestream.sink.stats.FrameStatistics;
import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.ImageBytes;
import io.spikestream.vision.InvalidImageException;
import io.spikestream.vision.TrainIdMask;

import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Everything the sink writes to disk, called by the topology's processors: per result the mask PNG and the
 * CSV row; per (frame, result) pair the overlay and the evaluation. Thread-safe (stream threads share it).
 *
 * <p>Idempotent per (camera, sequence): a result or pair processed again writes nothing new and is counted
 * once (see {@link StatsCsvWriter} and {@link Evaluation}); a <em>different</em> frame with a (camera, sequence)
 * the output holds is refused with {@link OutputConflictException} before any file is replaced.
 *
 * <p>Results come checked by {@link ResultDecoder} (mask decodable and of the result's size). Mask values outside
 * 0..18 are written as 255. A bad frame image throws {@link InvalidImageException} (the caller logs and skips
 * the overlay); I/O failures throw {@link IOException}.
 */
public final class SinkWriter implements Closeable {

    /** Overlay format value that turns overlays off. */
    public static final String NO_OVERLAY = "none";

    private final OutputLayout layout;
    private final FrameFileWriter files;
    private final StatsCsvWriter csv;
    private final Overlay overlay;
    private final String overlayFormat;
    private final Evaluation evaluation;
    private final SinkMetrics metrics;
    private final LongSupplier clock;
    private final LiveView live;

    /**
     * A writer.
     *
     * @param layout where files go
     * @param overlayAlpha mask opacity in overlays, in [0, 1]
     * @param overlayFormat "jpg", "png" or {@link #NO_OVERLAY}
     * @param evaluation confusion matrices to fill from frames with ground truth, or null for none
     * @param metrics counters to update
     * @param clock wall clock in ms since the epoch (for the end-to-end latency)
     */
    public SinkWriter(OutputLayout layout, double overlayAlpha, String overlayFormat, Evaluation evaluation,
            SinkMetrics metrics, LongSupplier clock) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.files = new FrameFileWriter(layout);
        this.csv = new StatsCsvWriter(layout);
        this.overlay = new Overlay(overlayAlpha);
        this.overlayFormat = Objects.requireNonNull(overlayFormat, "overlayFormat");
        this.evaluation = evaluation;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.live = new LiveView(!NO_OVERLAY.equals(overlayFormat));
    }

    /**
     * A writer configured from {@code config}: output dir, overlay alpha and format, evaluation on/off (its
     * ledger of evaluated frames read again from the output dir).
     */
    public static SinkWriter from(SinkConfig config, SinkMetrics metrics, LongSupplier clock) throws IOException {
        OutputLayout layout = new OutputLayout(config.outputDir());
        return new SinkWriter(layout, config.getDouble(SinkConfig.OVERLAY_ALPHA_CONFIG),
                config.getString(SinkConfig.OVERLAY_FORMAT_CONFIG),
                config.evaluationEnabled() ? Evaluation.open(layout) : null, metrics, clock);
    }

    /** Whether frames are needed: overlays on or evaluation on. */
    public boolean needsFrames() {
        return !NO_OVERLAY.equals(overlayFormat) || evaluation != null;
    }

    /**
     * Writes the mask file and appends the CSV row of {@code result}, unless its camera's {@code stats.csv}
     * holds that frame already (a replay: nothing is written, {@link SinkMetrics#resultsReplayed()} counts it).
     * A skipped frame's result gets its CSV row only ({@link SinkMetrics#resultsSkipped()}).
     *
     * @param result the result
     * @param mask its decoded mask, of the result's width and height; null for a skipped frame
     * @throws OutputConflictException when the output holds another frame with this camera and sequence
     */
    public void writeResult(SegmentationResult result, TrainIdMask mask) throws IOException {
        if (checkNotConflicting(result) == SequenceSet.Outcome.REPLAY) {
            metrics.resultReplayed();
            return;
        }
        FrameStatistics stats = FrameStatistics.of(result, clock.getAsLong());
        if (stats.isSkipped()) {
            csv.append(stats);
            metrics.resultSkipped(stats.skipped().getReason());
            live.resultSkipped(stats);
            return;
        }
        files.writeMask(result.getCameraId(), result.getSequence(), trainIds(mask));
        csv.append(stats);
        metrics.resultWritten(result, stats.latencyMillis());
        live.resultWritten(result, stats);
    }

    /**
     * Writes the overlay of a matched pair (again, for a replay: same file, same content) and adds it to the
     * evaluation when the frame has ground truth and was not evaluated before. A skipped frame's result has no
     * mask: nothing is written or evaluated.
     *
     * @param frame the frame
     * @param result its result, checked by {@link ResultDecoder}
     * @throws OutputConflictException when the output holds another frame with this camera and sequence
     */
    public void writeOverlay(Frame frame, SegmentationResult result) throws IOException {
        checkNotConflicting(result);
        if (result.getSkipped() != null) {
            return;
        }
        TrainIdMask mask = trainIds(TrainIdMask.decodePng(bytes(result.getMask())));
        if (!NO_OVERLAY.equals(overlayFormat)) {
            BufferedImage image = ImageBytes.decode(bytes(frame.getImage()), "frame image");
            Path file = files.writeOverlay(result.getCameraId(), result.getSequence(), overlay.blend(image, mask),
                    overlayFormat);
            metrics.overlayWritten(result.getCameraId());
            live.overlayWritten(result.getCameraId(), result.getSequence(), file);
        }
        if (evaluation != null && frame.getGroundTruthMask() != null) {
            TrainIdMask gt = TrainIdMask.decodePng(bytes(frame.getGroundTruthMask()));
            if (evaluation.add(result.getCameraId(), result.getSequence(), result.getCaptureTime().toEpochMilli(),
                    gt.ids(), mask.resizeNearest(gt.width(), gt.height()).ids(), result.getRecomputedFraction())) {
                metrics.frameEvaluated();
            }
        }
    }

    private SequenceSet.Outcome checkNotConflicting(SegmentationResult result) throws IOException {
        return csv.check(result.getCameraId(), result.getSequence(), result.getCaptureTime().toEpochMilli());
    }

    /** Counts a frame whose join window closed without a result. */
    public void frameWithoutResult(Frame frame) {
        metrics.frameWithoutResult();
    }

    /** The confusion matrices, or null when evaluation is off. */
    public Evaluation evaluation() {
        return evaluation;
    }

    /** Writes {@code evaluation.json} and {@code .csv} now (no-op when evaluation is off). */
    public void writeEvaluation() throws IOException {
        if (evaluation != null) {
            new EvaluationWriter(layout).write(evaluation.snapshot());
        }
    }

    /** The counters. */
    public SinkMetrics metrics() {
        return metrics;
    }

    /** The latest state of every camera written, for the live page. */
    public LiveView live() {
        return live;
    }

    /** The output layout. */
    public OutputLayout layout() {
        return layout;
    }

    /** Flushes and closes the CSV files, then writes the evaluation files and closes the evaluation's ledger. */
    @Override
    public void close() throws IOException {
        try {
            csv.close();
        } finally {
            try {
                writeEvaluation();
            } finally {
                if (evaluation != null) {
                    evaluation.close();
                }
            }
        }
    }

    private static TrainIdMask trainIds(TrainIdMask mask) {
        byte[] ids = mask.ids();
        for (int i = 0; i < ids.length; i++) {
            if ((ids[i] & 0xFF) >= Cityscapes.NUM_CLASSES) {
                ids[i] = (byte) Cityscapes.IGNORE;
            }
        }
        return mask;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
