package io.spikestream.sink.stats;

import io.spikestream.schemas.avro.SegmentationResult;

/**
 * How much of the model's work a set of results recomputed, split into frames that started from fresh
 * state (full passes: every frame in per-frame mode, key frames in delta mode) and frames that continued their
 * camera's state (delta frames). Each part keeps its mean recomputed fraction and its mean
 * forward-pass time ({@code timings.inferenceMicros}, the time of the frame's whole batch), which is what the
 * time saved by change-driven inference is estimated from. The first full pass of a tally counts in the fractions
 * but not in the forward time: it carries the process's warm-up (libtorch's first-call kernel selection and
 * allocations), which would make later frames look faster than they are. Not thread-safe.
 */
public final class RecomputeTally {

    private final Part fullPasses = new Part();
    private final Part carried = new Part();
    private boolean warmedUp;

    /** Adds one result. */
    public void add(SegmentationResult result) {
        add(result.getStateCarried(), result.getRecomputedFraction(),
                result.getTimings().getInferenceMicros() / 1000.0);
    }

    /**
     * Adds one frame.
     *
     * @param stateCarried whether the frame continued its camera's state
     * @param recomputedFraction share of the model's work recomputed, 0..1
     * @param forwardMillis forward-pass time of the frame's batch
     */
    public void add(boolean stateCarried, double recomputedFraction, double forwardMillis) {
        boolean timed = stateCarried || warmedUp;
        warmedUp |= !stateCarried;
        (stateCarried ? carried : fullPasses).add(recomputedFraction, timed ? forwardMillis : Double.NaN);
    }

    /** Frames added. */
    public long frames() {
        return fullPasses.frames + carried.frames;
    }

    /** Mean recomputed fraction over every frame; NaN before the first. */
    public double meanRecomputedFraction() {
        return (fullPasses.fractionSum + carried.fractionSum) / frames();
    }

    /** Frames that started from fresh state (full passes). */
    public Part fullPasses() {
        return fullPasses;
    }

    /** Frames that continued their camera's state (delta frames). */
    public Part carried() {
        return carried;
    }

    /** Adds every frame of {@code other}. */
    public void merge(RecomputeTally other) {
        fullPasses.merge(other.fullPasses);
        carried.merge(other.carried);
    }

    /** An independent copy. */
    public RecomputeTally copy() {
        RecomputeTally copy = new RecomputeTally();
        copy.merge(this);
        copy.warmedUp = warmedUp;
        return copy;
    }

    /** The frames of one kind: count, mean recomputed fraction and mean forward time (NaN when empty). */
    public static final class Part {

        private long frames;
        private long timedFrames;
        private double fractionSum;
        private double forwardMillisSum;

        /** Adds a frame; a NaN time (the warm-up pass) is left out of the mean forward time. */
        private void add(double fraction, double forwardMillis) {
            frames++;
            fractionSum += fraction;
            if (!Double.isNaN(forwardMillis)) {
                timedFrames++;
                forwardMillisSum += forwardMillis;
            }
        }

        private void merge(Part other) {
            frames += other.frames;
            timedFrames += other.timedFrames;
            fractionSum += other.fractionSum;
            forwardMillisSum += other.forwardMillisSum;
        }

        /** Frames of this kind. */
        public long frames() {
            return frames;
        }

        /** Mean recomputed fraction; NaN when there are none. */
        public double meanRecomputedFraction() {
            return fractionSum / frames;
        }

        /** Mean forward-pass time in ms over the timed frames (all but a tally's first full pass); NaN when none. */
        public double meanForwardMillis() {
            return forwardMillisSum / timedFrames;
        }
    }
}
