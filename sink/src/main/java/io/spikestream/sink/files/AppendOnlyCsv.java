package io.spikestream.sink.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSV file the sink only appends to (RFC 4180, UTF-8, CRLF), with its header written once. Opening it reads
 * the rows already there and cuts off a last row that a crash left half-written (its result was not
 * committed, so it comes again). Each appended row is flushed at once. Not thread-safe.
 *
 * <p>Columns are only ever added at the end. A file whose header is the start of the current one (written by an
 * older sink) is given the current header when opened: it is written again, atomically ({@link AtomicFiles}),
 * with its rows' fields unchanged and empty fields for the new columns, so every row has every column. A file
 * with any other header is left as it is (with a warning) and rows are appended in the current columns.
 */
public final class AppendOnlyCsv implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(AppendOnlyCsv.class);

    private final Path file;
    private final List<List<String>> rows;
    private final Writer writer;

    private AppendOnlyCsv(Path file, List<List<String>> rows, Writer writer) {
        this.file = file;
        this.rows = rows;
        this.writer = writer;
    }

    /**
     * Opens (or creates) {@code file} for appending.
     *
     * @param file the CSV file
     * @param header its header fields, written when the file is new or empty
     * @return the open file, with the rows it already held
     */
    public static AppendOnlyCsv open(Path file, List<String> header) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Csv.Records read = Csv.records(text);
        if (read.end() < text.length()) {
            LOG.warn("{} ended in a row cut short (a crash while it was written); removed it, its result will"
                    + " be written again", file);
        }
        if (olderHeader(file, read.records(), header)) {
            addColumns(file, header, read.records());
            return open(file, header);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (read.end() < text.length()) {
                channel.truncate(text.substring(0, read.end()).getBytes(StandardCharsets.UTF_8).length);
            }
            channel.position(channel.size());
            Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8);
            List<List<String>> records = read.records();
            if (records.isEmpty()) {
                writer.write(Csv.line(header));
                writer.flush();
            }
            return new AppendOnlyCsv(file, records.isEmpty() ? List.of() : records.subList(1, records.size()),
                    writer);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static boolean olderHeader(Path file, List<List<String>> records, List<String> header) {
        if (records.isEmpty() || records.get(0).equals(header)) {
            return false;
        }
        List<String> old = records.get(0);
        if (old.size() < header.size() && header.subList(0, old.size()).equals(old)) {
            return true;
        }
        LOG.warn("{} has the header {}, not the start of {}; rows are appended in the current columns", file, old,
                header);
        return false;
    }

    private static void addColumns(Path file, List<String> header, List<List<String>> records) throws IOException {
        StringBuilder text = new StringBuilder(Csv.line(header));
        for (List<String> row : records.subList(1, records.size())) {
            List<String> fields = new ArrayList<>(row);
            while (fields.size() < header.size()) {
                fields.add("");
            }
            text.append(Csv.line(fields));
        }
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        LOG.info("{}: added the columns {} (empty in its {} earlier rows)", file,
                header.subList(records.get(0).size(), header.size()), records.size() - 1);
    }

    /** The rows the file held when opened, header excluded. */
    public List<List<String>> rows() {
        return rows;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Appends one row and flushes it. */
    public void append(List<String> fields) throws IOException {
        writer.write(Csv.line(fields));
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
