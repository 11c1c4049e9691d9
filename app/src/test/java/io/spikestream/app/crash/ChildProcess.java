package io.spikestream.app.crash;

import io.spikestream.app.SpikeStreamCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code spikestream} command run as a child JVM on the test classpath, started, SIGKILLed and restarted
 * any number of times; everything it prints is appended to one log file.
 */
final class ChildProcess implements AutoCloseable {

    private static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-XX:+UseSerialGC", "-Dai.djl.offline=true",
            "-DOPT_OUT_TRACKING=true", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.spikestream.schemas.avro",
            "-Dorg.slf4j.simpleLogger.log.io.spikestream=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;
    private int starts;
    private int kills;

    private ChildProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = command;
        this.log = log;
    }

    /**
     * A {@code spikestream} command in a child JVM.
     *
     * @param name what the log and messages call it
     * @param logDir where its log file goes
     * @param args the command line after {@code spikestream}
     */
    static ChildProcess spikestream(String name, Path logDir, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-cp");
        cmd.add(TestClassPath.get());
        cmd.add(SpikeStreamCli.class.getName());
        cmd.addAll(args);
        return new ChildProcess(name, List.copyOf(cmd), logDir.resolve(name + ".log"));
    }

    synchronized ChildProcess start() {
        starts++;
        note("start " + starts);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        return this;
    }

    /** SIGKILL, then waits until the process is gone. */
    synchronized void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kills++;
            note("SIGKILL");
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGTERM (the stage's shutdown hook runs), then waits up to a minute for the process to end. */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            note("SIGTERM");
            process.destroy();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                throw new AssertionError(name + " did not stop within a minute of SIGTERM\n" + tail());
            }
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits for the process to end by itself; throws with the log's tail when it does not in time. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + timeout + "\n" + tail());
        }
        return process.exitValue();
    }

    int starts() {
        return starts;
    }

    int kills() {
        return kills;
    }

    String name() {
        return name;
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the log, headed by its path. */
    String tail() {
        List<String> lines = log().lines().toList();
        return "--- " + log + " (last 60 of " + lines.size() + " lines) ---\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private void note(String event) {
        try {
            Files.writeString(log, "=== harness: " + name + " " + event + " at " + java.time.LocalTime.now() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
