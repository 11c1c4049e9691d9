package io.spikestream.sink.eval;

import io.spikestream.sink.files.AppendOnlyCsv;
import io.spikestream.sink.files.Csv;
import io.spikestream.sink.files.FrameRows;
import io.spikestream.sink.files.OutputLayout;
import io.spikestream.sink.replay.OutputConflictException;
import io.spikestream.sink.replay.SequenceSet;
import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.ConfusionMatrix;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confusion matrices accumulated by the sink: one per camera and their total, over the 19 Cityscapes classes
 * (ground truth 255 ignored), with the mean recomputed fraction of the evaluated frames (the share of the
 * model's work those scores were obtained with). Thread-safe.
 *
 * <p>Each frame counts once, across restarts: its confusion counts are appended to the ledger
 * {@code evaluation-frames.csv} ({@link FrameRows}: one row per (camera, sequence)) before they are added, and
 * {@link #open(OutputLayout)} sums the ledger again. A frame joined twice (a replay after a crash, or a frame
 * record sent twice) is not added again.
 */
public final class Evaluation implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);
    private static final List<String> HEADER = List.of("camera", "sequence", "capture_time", "recomputed_fraction",
            "confusion");
    private static final FrameRows.Columns KEY_COLUMNS = new FrameRows.Columns(0, 1, 2);
    private static final int RECOMPUTED_COLUMN = 3;
    private static final int CONFUSION_COLUMN = 4;

    private final FrameRows ledger;
    private final Map<String, ConfusionMatrix> perCamera = new TreeMap<>();
    private final ConfusionMatrix total = new ConfusionMatrix(Cityscapes.NUM_CLASSES);
    private final Map<String, DoubleSummaryStatistics> recomputedPerCamera = new TreeMap<>();
    private final DoubleSummaryStatistics recomputedTotal = new DoubleSummaryStatistics();

    private Evaluation(FrameRows ledger) {
        this.ledger = ledger;
    }

    /**
     * The evaluation of the output under {@code layout}: the frames its ledger holds, summed.
     *
     * @param layout the output folder
     * @return the evaluation, its ledger open for appending
     */
    public static Evaluation open(OutputLayout layout) throws IOException {
        Evaluation evaluation = new Evaluation(new FrameRows(
                AppendOnlyCsv.open(layout.evaluationFramesCsv(), HEADER), KEY_COLUMNS));
        int unreadable = 0;
        for (List<String> row : evaluation.ledger.rowsAtOpen()) {
            try {
                evaluation.merge(Csv.untext(row.get(KEY_COLUMNS.camera())), confusion(row.get(CONFUSION_COLUMN)),
                        Double.parseDouble(row.get(RECOMPUTED_COLUMN)));
            } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
                unreadable++;
            }
        }
        if (unreadable > 0) {
            LOG.warn("{} rows of {} could not be read and are left out of the evaluation", unreadable,
                    layout.evaluationFramesCsv());
        }
        return evaluation;
    }

    /**
     * Adds one frame of {@code cameraId}, unless it was added before.
     *
     * @param cameraId the camera
     * @param sequence the frame's sequence
     * @param captureMillis the frame's capture time, ms since the epoch
     * @param groundTruth ground-truth trainIds
     * @param prediction predicted trainIds of the same pixels
     * @param recomputedFraction share of the model's work recomputed for the prediction, 0..1
     * @return true when added, false when the frame had been added before
     * @throws OutputConflictException when the ledger holds another frame with this camera and sequence
     */
    public synchronized boolean add(String cameraId, long sequence, long captureMillis, byte[] groundTruth,
            byte[] prediction, double recomputedFraction) throws IOException {
        if (ledger.check(cameraId, sequence, captureMillis) != SequenceSet.Outcome.NEW) {
            return false;
        }
        ConfusionMatrix frame = new ConfusionMatrix(Cityscapes.NUM_CLASSES).add(groundTruth, prediction);
        ledger.add(cameraId, sequence, captureMillis, List.of(Csv.text(cameraId), Long.toString(sequence),
                Instant.ofEpochMilli(captureMillis).toString(), String.format(Locale.ROOT, "%.6f", recomputedFraction),
                cells(frame)));
        merge(cameraId, frame, recomputedFraction);
        return true;
    }

    private void merge(String cameraId, ConfusionMatrix frame, double recomputedFraction) {
        perCamera.computeIfAbsent(cameraId, id -> new ConfusionMatrix(Cityscapes.NUM_CLASSES)).merge(frame);
        total.merge(frame);
        recomputedPerCamera.computeIfAbsent(cameraId, id -> new DoubleSummaryStatistics()).accept(recomputedFraction);
        recomputedTotal.accept(recomputedFraction);
    }

    /** The non-zero counts of one frame's matrix as {@code g:p:n} separated by spaces (p = 19: no class). */
    private static String cells(ConfusionMatrix frame) {
        long[][] table = frame.counts();
        List<String> cells = new ArrayList<>();
        for (int g = 0; g < table.length; g++) {
            for (int p = 0; p < table[g].length; p++) {
                if (table[g][p] != 0) {
                    cells.add(g + ":" + p + ":" + table[g][p]);
                }
            }
        }
        return String.join(" ", cells);
    }

    private static ConfusionMatrix confusion(String cells) {
        long[][] table = new long[Cityscapes.NUM_CLASSES][Cityscapes.NUM_CLASSES + 1];
        for (String cell : cells.isBlank() ? new String[0] : cells.trim().split(" ")) {
            String[] parts = cell.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("confusion cell '" + cell + "' is not g:p:n");
            }
            table[Integer.parseInt(parts[0])][Integer.parseInt(parts[1])] += Long.parseLong(parts[2]);
        }
        return ConfusionMatrix.ofCounts(table, 1, Cityscapes.IGNORE);
    }

    /** Closes the ledger. */
    @Override
    public synchronized void close() throws IOException {
        ledger.close();
    }

    /** A consistent copy: per camera (sorted by id) and the total. */
    public synchronized Snapshot snapshot() {
        Map<String, ConfusionMatrix> cameras = new TreeMap<>();
        perCamera.forEach((id, m) -> cameras.put(id, m.copy()));
        Map<String, Double> recomputed = new TreeMap<>();
        recomputedPerCamera.forEach((id, r) -> recomputed.put(id, r.getAverage()));
        return new Snapshot(cameras, total.copy(), recomputed, recomputedTotal.getAverage());
    }

    /**
     * The matrices at one moment.
     *
     * @param perCamera matrix per camera id, sorted by id
     * @param total the sum over all cameras
     * @param meanRecomputedFraction per camera id, the mean recomputed fraction of its evaluated frames
     * @param totalMeanRecomputedFraction the mean recomputed fraction of all evaluated frames (0 when none)
     */
    public record Snapshot(Map<String, ConfusionMatrix> perCamera, ConfusionMatrix total,
            Map<String, Double> meanRecomputedFraction, double totalMeanRecomputedFraction) {
    }
}
