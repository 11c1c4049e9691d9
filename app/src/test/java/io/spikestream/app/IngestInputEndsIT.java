package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.app.broker.EmbeddedBroker;
import io.spikestream.app.pipeline.TestClips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code spikestream ingest} (and the demo) end on a truncated video and on a file they cannot read. */
class IngestInputEndsIT {

    @TempDir
    static Path dir;

    private static EmbeddedBroker broker;
    private static Path cut;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start();
        byte[] whole = Files.readAllBytes(TestClips.writeVideo(dir.resolve("clip.avi"), 20));
        cut = Files.write(dir.resolve("cut.avi"), Arrays.copyOf(whole, whole.length / 2));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static CliRunner.Run ingest(Path input, String... more) {
        String[] args = {"ingest", "--bootstrap-servers", broker.bootstrapServers(), "--input", input.toString(),
            "--pacing", "max", "--camera-id", "ends"};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRunner.run(all);
    }

    @Test
    void shouldFailATruncatedVideoSayingHowManyFramesOfHowMany() {
        CliRunner.Run run = ingest(cut);
        assertEquals(ErrorReporter.USAGE_ERROR, run.exitCode(), run.err());
        assertTrue(run.err().contains("error: video file " + cut + " ended after "), run.err());
        assertTrue(run.err().contains("it is truncated or corrupt"), run.err());
    }

    @Test
    void shouldStopTheDemoWithTheSameLineOnATruncatedVideo() {
        CliRunner.Run run = CliRunner.run("demo", "--video", cut.toString(), "--frames", "20", "--out",
                dir.resolve("demo").toString(), "--bootstrap-servers", broker.bootstrapServers());
        assertEquals(ErrorReporter.USAGE_ERROR, run.exitCode(), run.err());
        assertTrue(run.err().contains("error: video file " + cut + " ended after "), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void shouldAcceptATruncatedVideoInTheDemoWhenAllowed() {
        CliRunner.Run run = CliRunner.run("demo", "--video", cut.toString(), "--frames", "5", "--allow-truncated",
                "--out", dir.resolve("demo-allowed").toString(), "--bootstrap-servers", broker.bootstrapServers());
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void shouldAcceptATruncatedVideoWhenAllowed() {
        CliRunner.Run run = ingest(cut, "--allow-truncated");
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void shouldNameAnUnreadableFileInOneLineWithoutStackTraceUnlessVerbose() throws Exception {
        Path junk = Files.writeString(dir.resolve("notes.mp4"), "not a video");
        CliRunner.Run run = ingest(junk);
        assertEquals(ErrorReporter.USAGE_ERROR, run.exitCode());
        assertEquals(1, run.err().lines().filter(l -> l.startsWith("error: ")).count(), run.err());
        assertTrue(run.err().contains("error: cannot read video file " + junk + ": FFmpeg cannot decode it"),
                run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace without --verbose:\n" + run.err());
        assertFalse(run.err().contains("setFormat") || run.err().contains("FFmpegLogCallback"),
                "no hints for JavaCV's developers:\n" + run.err());
        CliRunner.Run verbose = ingest(junk, "--verbose");
        assertTrue(verbose.err().contains("\tat "), "the stack trace with --verbose:\n" + verbose.err());
    }
}
