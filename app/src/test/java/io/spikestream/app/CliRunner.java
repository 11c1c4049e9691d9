package io.spikestream.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the CLI in-process and captures what it prints. */
public final class CliRunner {

    /**
     * Result of one run.
     *
     * @param exitCode the exit code
     * @param out standard output
     * @param err standard error
     */
    public record Run(int exitCode, String out, String err) {}

    private CliRunner() {}

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SpikeStreamCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
