package io.spikestream.monitor;

import java.util.Objects;

/**
 * The outcome of one health or readiness check.
 *
 * @param name what was checked, e.g. {@code kafka}, {@code streams}, {@code model}
 * @param up whether it is fine
 * @param detail what was seen, in words an operator can act on (e.g. {@code "state REBALANCING"})
 */
public record Check(String name, boolean up, String detail) {

    /** Validates the name and detail. */
    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
    }

    /** A passing check. */
    public static Check up(String name, String detail) {
        return new Check(name, true, detail);
    }

    /** A failing check. */
    public static Check down(String name, String detail) {
        return new Check(name, false, detail);
    }
}
