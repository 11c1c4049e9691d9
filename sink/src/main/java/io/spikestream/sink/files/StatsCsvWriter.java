package io.spikestream.sink.files;

import io.spikestream.sink.replay.OutputConflictException;
import io.spikestream.sink.replay.SequenceSet;
import io.spikestream.sink.stats.FrameStatistics;
import io.spikestream.vision.Cityscapes;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends one CSV row per result to {@code <root>/<cam>/stats.csv} (RFC 4180, UTF-8, CRLF). The header is
 * written once, when the file is new or empty; each row is flushed as it is written, so a spreadsheet or
 * {@code tail -f} sees it at once. Writers stay open per camera until {@link #close()}.
 *
 * <p>Columns: {@code camera, sequence, capture_time} (ISO-8601 UTC), {@code latency_ms} (sink clock minus
 * capture time), {@code processing_ms} (time in the inference processor), one pixel-fraction column per
 * Cityscapes class named by its class name ({@code road ... bicycle}), {@code firing_rate, energy_mj,
 * model_id, state_carried, batch_size, pixel_accuracy} (empty without ground truth),
 * {@code recomputed_fraction} (share of the model's work recomputed for the frame, 1 for a full pass),
 * {@code skipped} ({@code TOO_OLD} or {@code SUPERSEDED} for a live frame inference skipped, empty for a
 * segmented one) and {@code age_ms} (the skipped frame's age when inference skipped it). Columns are only ever
 * added at the end, so the earlier ones keep their positions. A skipped frame's row holds its camera, sequence
 * and capture time and the last two columns; every other field is empty (it has no mask and no measurements).
 *
 * <p>A file an older sink began, whose header lacks the last columns, gets the current header when it is opened
 * ({@link AppendOnlyCsv}: its rows keep their fields, the new columns empty), so every row has every column.
 *
 * <p>The file holds one row per (camera, sequence) ({@link FrameRows}), across restarts: a result processed
 * again (a replay after a crash, before the consumer offsets were committed) adds no row, and a row a crash
 * cut short is removed when the file is opened again. Thread-safe: rows of one camera are serialised.
 */
public final class StatsCsvWriter implements Closeable {

    private static final FrameRows.Columns KEY_COLUMNS = new FrameRows.Columns(0, 1, 2);
    private static final List<String> SKIP_COLUMNS = List.of("skipped", "age_ms");
    /** Columns between the key columns and the skip columns: measurements a skipped frame does not have. */
    private static final int MEASURED_COLUMNS = header().size() - 3 - SKIP_COLUMNS.size();

    private final OutputLayout layout;

    private final Map<String, FrameRows> files = new ConcurrentHashMap<>();

    /** A writer under {@code layout}. */
    public StatsCsvWriter(OutputLayout layout) {
        this.layout = layout;
    }

    /** The header fields. */
    public static List<String> header() {
        List<String> header = new ArrayList<>(List.of("camera", "sequence", "capture_time", "latency_ms",
                "processing_ms"));
        for (int c = 0; c < Cityscapes.NUM_CLASSES; c++) {
            header.add(Cityscapes.name(c));
        }
        header.addAll(List.of("firing_rate", "energy_mj", "model_id", "state_carried", "batch_size",
                "pixel_accuracy", "recomputed_fraction"));
        header.addAll(SKIP_COLUMNS);
        return header;
    }

    /** The row fields of one frame. */
    public static List<String> row(FrameStatistics s) {
        List<String> row = new ArrayList<>(List.of(Csv.text(s.cameraId()), Long.toString(s.sequence()),
                Instant.ofEpochMilli(s.captureTimeMillis()).toString()));
        if (s.isSkipped()) {
            row.addAll(Collections.nCopies(MEASURED_COLUMNS, ""));
            row.addAll(List.of(s.skipped().getReason().name(), Long.toString(s.skipped().getAgeMillis())));
            return row;
        }
        row.addAll(List.of(number(s.latencyMillis(), 1), number(s.processingMillis(), 3)));
        for (double fraction : s.pixelFractions()) {
            row.add(number(fraction, 6));
        }
        row.addAll(List.of(number(s.firingRate(), 6), number(s.energyMillijoules(), 6), Csv.text(s.modelId()),
                Boolean.toString(s.stateCarried()), Integer.toString(s.batchSize()),
                s.pixelAccuracy() == null ? "" : number(s.pixelAccuracy(), 6), number(s.recomputedFraction(), 6),
                "", ""));
        return row;
    }

    /**
     * Whether the row of this frame is new, a replay, or a conflict, without writing.
     *
     * @return {@link SequenceSet.Outcome#NEW} or {@link SequenceSet.Outcome#REPLAY}
     * @throws OutputConflictException when the camera's file holds another frame with this sequence
     */
    public SequenceSet.Outcome check(String cameraId, long sequence, long captureMillis) throws IOException {
        return rowsOf(cameraId).check(cameraId, sequence, captureMillis);
    }

    /**
     * Appends the row of {@code stats} to its camera's file and flushes it, unless the file holds it already.
     *
     * @return {@link SequenceSet.Outcome#NEW} when written, {@link SequenceSet.Outcome#REPLAY} when held already
     * @throws OutputConflictException when the camera's file holds another frame with this sequence
     */
    public SequenceSet.Outcome append(FrameStatistics stats) throws IOException {
        return rowsOf(stats.cameraId()).add(stats.cameraId(), stats.sequence(), stats.captureTimeMillis(), row(stats));
    }

    /** Flushes and closes every open file. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FrameRows rows : files.values()) {
            try {
                rows.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        files.clear();
        if (first != null) {
            throw first;
        }
    }

    private FrameRows rowsOf(String cameraId) throws IOException {
        FrameRows rows = files.get(cameraId);
        if (rows != null) {
            return rows;
        }
        synchronized (files) {
            rows = files.get(cameraId);
            if (rows == null) {
                rows = new FrameRows(AppendOnlyCsv.open(layout.statsCsv(cameraId), header()), KEY_COLUMNS);
                files.put(cameraId, rows);
            }
            return rows;
        }
    }

    private static String number(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
