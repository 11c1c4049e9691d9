package io.spikestream.ingest.source;

import java.io.IOException;

/**
 * An input that cannot be read, or that ended before its container said it would. Its message is one line for
 * the user: the input, what was wrong, and what to do; the cause (the decoder's error) is for {@code --verbose}.
 */
public final class InputException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming the input and the problem
     * @param cause the underlying error, or null
     */
    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
