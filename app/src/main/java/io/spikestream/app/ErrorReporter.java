package io.spikestream.app;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns configuration and input errors into one clear line on stderr and exit code 2; anything else
 * is a bug and keeps its stack trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    /** Exit code for bad configuration or input. */
    static final int USAGE_ERROR = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof java.io.FileNotFoundException
                || e instanceof java.nio.file.NoSuchFileException
                || e instanceof org.apache.kafka.common.config.ConfigException) {
            cmd.getErr().println("error: " + e.getMessage());
            return USAGE_ERROR;
        }
        throw e;
    }
}
