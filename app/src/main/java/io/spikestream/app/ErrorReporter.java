package io.spikestream.app;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns configuration and input errors into one clear line on stderr and exit code 2 (with the stack trace too when
 * the command has {@code --verbose}); anything else is a bug and keeps its stack trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    /** Exit code for bad configuration or input. */
    static final int USAGE_ERROR = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof java.io.FileNotFoundException
                || e instanceof java.nio.file.NoSuchFileException
                || e instanceof io.spikestream.ingest.source.InputException
                || e instanceof io.spikestream.sink.replay.OutputConflictException
                || e instanceof org.apache.kafka.common.config.ConfigException) {
            cmd.getErr().println("error: " + e.getMessage());
            if (verbose(parseResult)) {
                e.printStackTrace(cmd.getErr());
            }
            return USAGE_ERROR;
        }
        throw e;
    }

    private static boolean verbose(ParseResult parseResult) {
        ParseResult leaf = parseResult;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        return leaf.hasMatchedOption("--verbose");
    }
}
