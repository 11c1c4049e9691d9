package io.spikestream.sink.files;

import io.spikestream.scenes.Cityscapes;
import io.spikestream.sink.stats.FrameStatistics;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
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
 * model_id, state_carried, batch_size, pixel_accuracy} (empty without ground truth) and
 * {@code recomputed_fraction} (share of the model's work recomputed for the frame, 1 for a full pass; last, so
 * the columns before it keep their positions).
 *
 * <p>The file is append-only: a result processed twice (a replay after a crash, before the consumer offsets
 * were committed) adds a second row with the same camera and sequence. Readers that need one row per frame
 * keep the last row per {@code (camera, sequence)}. Thread-safe: rows of one camera are serialised.
 */
public final class StatsCsvWriter implements Closeable {

    private final OutputLayout layout;
    private final Map<String, BufferedWriter> writers = new ConcurrentHashMap<>();

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
        return header;
    }

    /** The row fields of one frame. */
    public static List<String> row(FrameStatistics s) {
        List<String> row = new ArrayList<>(List.of(Csv.text(s.cameraId()), Long.toString(s.sequence()),
                Instant.ofEpochMilli(s.captureTimeMillis()).toString(), number(s.latencyMillis(), 1),
                number(s.processingMillis(), 3)));
        for (double fraction : s.pixelFractions()) {
            row.add(number(fraction, 6));
        }
        row.addAll(List.of(number(s.firingRate(), 6), number(s.energyMillijoules(), 6), Csv.text(s.modelId()),
                Boolean.toString(s.stateCarried()), Integer.toString(s.batchSize()),
                s.pixelAccuracy() == null ? "" : number(s.pixelAccuracy(), 6), number(s.recomputedFraction(), 6)));
        return row;
    }

    /** Appends the row of {@code stats} to its camera's file and flushes it. */
    public void append(FrameStatistics stats) throws IOException {
        BufferedWriter writer = writerFor(stats.cameraId());
        synchronized (writer) {
            writer.write(Csv.line(row(stats)));
            writer.flush();
        }
    }

    /** Flushes and closes every open file. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (BufferedWriter writer : writers.values()) {
            try {
                synchronized (writer) {
                    writer.close();
                }
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        writers.clear();
        if (first != null) {
            throw first;
        }
    }

    private BufferedWriter writerFor(String cameraId) throws IOException {
        BufferedWriter writer = writers.get(cameraId);
        if (writer != null) {
            return writer;
        }
        synchronized (writers) {
            writer = writers.get(cameraId);
            if (writer == null) {
                writer = open(layout.statsCsv(cameraId));
                writers.put(cameraId, writer);
            }
            return writer;
        }
    }

    private static BufferedWriter open(Path file) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh) {
            writer.write(Csv.line(header()));
            writer.flush();
        }
        return writer;
    }

    private static String number(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
