package io.spikestream.sink.files;

import io.spikestream.sink.replay.OutputConflictException;
import io.spikestream.sink.replay.SequenceSet;

import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AppendOnlyCsv} with at most one row per frame: each row names its camera, sequence and capture
 * time, and a row is appended only for a (camera, sequence) the file does not hold yet. A frame it already
 * holds (a replay) is not written again; a different frame with a held (camera, sequence) is refused
 * ({@link OutputConflictException}). Rows already in the file when it is opened count as held. Thread-safe.
 */
public final class FrameRows implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameRows.class);

    /**
     * Where a row's key fields are.
     *
     * @param camera column of the camera id (written with {@link Csv#text(String)})
     * @param sequence column of the sequence number
     * @param captureTime column of the capture time (ISO-8601)
     */
    public record Columns(int camera, int sequence, int captureTime) {
    }

    private final AppendOnlyCsv csv;
    private final Columns columns;
    private final Map<String, SequenceSet> held = new HashMap<>();

    /**
     * Opens {@code csv}'s rows as held frames; rows without a readable key are left out (and logged).
     *
     * @param csv the file
     * @param columns where the key fields are
     */
    public FrameRows(AppendOnlyCsv csv, Columns columns) {
        this.csv = csv;
        this.columns = columns;
        int unreadable = 0;
        for (List<String> row : csv.rows()) {
            try {
                held(Csv.untext(row.get(columns.camera())))
                        .add(Long.parseLong(row.get(columns.sequence())), captureMillis(row));
            } catch (IndexOutOfBoundsException | NumberFormatException | DateTimeParseException e) {
                unreadable++;
            }
        }
        if (unreadable > 0) {
            LOG.warn("{}: {} rows without a readable camera, sequence and capture time are not counted as written",
                    csv.file(), unreadable);
        }
    }

    /**
     * Appends {@code row} unless its frame is held already.
     *
     * @param cameraId the frame's camera
     * @param sequence its sequence
     * @param captureMillis its capture time, ms since the epoch
     * @param row the row, whose key columns hold these values
     * @return {@link SequenceSet.Outcome#NEW} when written, {@link SequenceSet.Outcome#REPLAY} when held already
     * @throws OutputConflictException when another frame with this camera and sequence is held
     */
    public synchronized SequenceSet.Outcome add(String cameraId, long sequence, long captureMillis, List<String> row)
            throws IOException {
        SequenceSet.Outcome outcome = check(cameraId, sequence, captureMillis);
        if (outcome == SequenceSet.Outcome.NEW) {
            csv.append(row);
            held(cameraId).add(sequence, captureMillis);
        }
        return outcome;
    }

    /**
     * What {@link #add} would do, without writing.
     *
     * @return {@link SequenceSet.Outcome#NEW} or {@link SequenceSet.Outcome#REPLAY}
     * @throws OutputConflictException when another frame with this camera and sequence is held
     */
    public synchronized SequenceSet.Outcome check(String cameraId, long sequence, long captureMillis)
            throws OutputConflictException {
        SequenceSet set = held(cameraId);
        SequenceSet.Outcome outcome = set.check(sequence, captureMillis);
        if (outcome == SequenceSet.Outcome.CONFLICT) {
            throw new OutputConflictException(csv.file().toString(), cameraId, sequence, set.captureTimes(sequence),
                    captureMillis);
        }
        return outcome;
    }

    /** The rows the file held when opened (header excluded). */
    public List<List<String>> rowsAtOpen() {
        return csv.rows();
    }

    /** The capture time of a row, in ms since the epoch. */
    public long captureMillis(List<String> row) {
        return Instant.parse(row.get(columns.captureTime())).toEpochMilli();
    }

    @Override
    public synchronized void close() throws IOException {
        csv.close();
    }

    private SequenceSet held(String cameraId) {
        return held.computeIfAbsent(cameraId, id -> new SequenceSet());
    }
}
