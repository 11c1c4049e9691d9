package io.spikestream.app;

import io.spikestream.inference.runtime.DjlEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spikestream} command line: every stage of the pipeline and the tools around it. */
@Command(
        name = "spikestream",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Streaming video segmentation with Spike2Former on Kafka.",
        subcommands = {DemoCommand.class, IngestCommand.class, InferCommand.class, SinkCommand.class, BrokerCommand.class, ModelCommand.class, BenchCommand.class,
            TrainCommand.class, EvalCommand.class, ProbeCommand.class,
            CommandLine.HelpCommand.class})
public final class SpikeStreamCli {

    private SpikeStreamCli() {}

    /**
     * Runs the command line.
     *
     * @param args arguments
     */
    public static void main(String[] args) {
        LogDestination.chooseFor(args);
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting, for tests.
     *
     * @param args arguments
     * @return the exit code
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The configured command line, before execution (tests capture its output or parse arguments).
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        DjlEnvironment.offline();
        return new CommandLine(new SpikeStreamCli()).setExecutionExceptionHandler(new ErrorReporter());
    }
}
