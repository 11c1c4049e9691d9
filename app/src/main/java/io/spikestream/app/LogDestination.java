package io.spikestream.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where log lines go. {@code demo} is read by a person: its console shows progress and the summary, and the log
 * lines of the stages and libraries (Kafka, DJL) go to a file named in the summary, unless {@code --verbose} is
 * given. The other commands are services and log to the console. slf4j-simple reads its settings once, at the first
 * logger, so the choice is made from the raw arguments before anything logs.
 */
final class LogDestination {

    /** slf4j-simple's setting for its log file (stderr when unset). */
    static final String LOG_FILE_PROPERTY = "org.slf4j.simpleLogger.logFile";

    private LogDestination() {}

    /**
     * Sends logs to a file when the command is {@code demo} without {@code --verbose} and nobody chose a destination.
     *
     * @param args the command line
     */
    static void chooseFor(String[] args) {
        boolean demo = args.length > 0 && args[0].equals("demo");
        boolean verbose = Arrays.asList(args).contains("--verbose");
        if (demo && !verbose && System.getProperty(LOG_FILE_PROPERTY) == null) {
            Path file = Path.of(System.getProperty("java.io.tmpdir"),
                    "spikestream-demo-" + ProcessHandle.current().pid() + ".log");
            System.setProperty(LOG_FILE_PROPERTY, file.toString());
        }
    }

    /** The log file, when logs go to one. */
    static Optional<Path> file() {
        String value = System.getProperty(LOG_FILE_PROPERTY);
        return value == null || value.equals("System.err") || value.equals("System.out") ? Optional.empty()
                : Optional.of(Path.of(value));
    }

    /**
     * One line naming the log file and how many warnings and errors it holds, for a summary.
     *
     * @return the line, or empty when logs go to the console
     */
    static Optional<String> summaryLine() {
        return file().filter(Files::isRegularFile).map(f -> {
            long[] counts = countWarningsAndErrors(f);
            return "log:        " + f + " (" + counts[0] + " warnings, " + counts[1] + " errors)";
        });
    }

    /** The file's WARN and ERROR lines, in one read; zeros when it cannot be read. */
    private static long[] countWarningsAndErrors(Path file) {
        long[] counts = new long[2];
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(l -> {
                if (l.contains(" WARN ")) {
                    counts[0]++;
                }
                if (l.contains(" ERROR ")) {
                    counts[1]++;
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return new long[2];
        }
        return counts;
    }
}
