package io.spikestream.app;

import io.spikestream.sink.stats.RecomputeTally;
import java.util.Locale;

/**
 * The demo summary's line on how much work change-driven inference saved: the mean recomputed fraction of the
 * frames that continued their camera's state (delta or keyframe mode), and their mean forward time against that of the full passes of the
 * same run, as an estimate of the time saved against per-frame mode.
 */
final class RecomputeSummary {

    private RecomputeSummary() {
    }

    /** The line for {@code tally}, without a line break. */
    static String line(RecomputeTally tally) {
        RecomputeTally.Part delta = tally.carried();
        RecomputeTally.Part full = tally.fullPasses();
        if (delta.frames() == 0) {
            return String.format(Locale.ROOT, "recomputed: %s of the work: every frame was a full pass (no state "
                    + "carried, no saving)", percent(tally.frames() == 0 ? 1.0 : tally.meanRecomputedFraction()));
        }
        String head = String.format(Locale.ROOT, "recomputed: %s of the work (frames continuing a camera's state), forward %.1f ms",
                percent(delta.meanRecomputedFraction()), delta.meanForwardMillis());
        if (Double.isNaN(full.meanForwardMillis())) {
            return head + ", no full pass after the warm-up to compare with (spikestream bench stream measures it)";
        }
        double saved = 1 - delta.meanForwardMillis() / full.meanForwardMillis();
        return head + String.format(Locale.ROOT, " vs %.1f ms on full frames: %.0f%% %s", full.meanForwardMillis(),
                100 * Math.abs(saved), saved >= 0 ? "time saved" : "slower");
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
