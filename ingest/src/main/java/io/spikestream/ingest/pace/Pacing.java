package io.spikestream.ingest.pace;

import java.util.Locale;

/**
 * How fast frames are released: {@code source} (at the source's own rate, following capture timestamps),
 * {@code max} (as fast as they decode) or {@code fixed:<fps>}.
 *
 * @param mode the mode
 * @param fps frames per second for {@link Mode#FIXED}, otherwise 0
 */
public record Pacing(Mode mode, double fps) {

    /** Pacing modes. */
    public enum Mode {
        SOURCE,
        MAX,
        FIXED
    }

    public static final Pacing SOURCE = new Pacing(Mode.SOURCE, 0);
    public static final Pacing MAX = new Pacing(Mode.MAX, 0);

    public Pacing {
        if (mode == Mode.FIXED && (!(fps > 0) || Double.isInfinite(fps))) {
            throw new IllegalArgumentException("fixed pacing needs a positive frame rate, got " + fps);
        }
    }

    public static Pacing fixed(double fps) {
        return new Pacing(Mode.FIXED, fps);
    }

    /** Parses {@code source}, {@code max} or {@code fixed:<fps>} (case-insensitive). */
    public static Pacing parse(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (s.equals("source")) {
            return SOURCE;
        }
        if (s.equals("max")) {
            return MAX;
        }
        if (s.startsWith("fixed:")) {
            try {
                return fixed(Double.parseDouble(s.substring(6)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad frame rate in pacing '" + spec + "'", e);
            }
        }
        throw new IllegalArgumentException("Unknown pacing '" + spec + "'; expected source, max or fixed:<fps>");
    }

    @Override
    public String toString() {
        return mode == Mode.FIXED ? "fixed:" + fps : mode.name().toLowerCase(Locale.ROOT);
    }
}
