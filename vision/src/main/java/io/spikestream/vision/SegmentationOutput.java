package io.spikestream.vision;

/**
 * The segmentation of one frame.
 *
 * <p>Firing rate and energy are means over the frame's batch and are {@link Double#NaN} when the batch
 * ran without operation accounting (see {@code accounting.interval}). Preprocess, inference and
 * postprocess times are those of the whole batch the frame was in.
 *
 * @param width mask width (the frame's)
 * @param height mask height (the frame's)
 * @param trainIds one class id per pixel, row-major
 * @param classCounts pixels per class id, one entry per model class
 * @param stateCarried true if the frame continued its camera's state (a delta frame, not a key frame)
 * @param recomputedFraction share of the model's work recomputed for this frame, 0..1 (1.0 for a full pass)
 * @param batchSize frames in the forward pass
 * @param meanFiringRate mean normalised firing rate, or NaN when not measured
 * @param energyMillijoules estimated energy per frame, or NaN when not measured
 * @param queueWaitNanos time from submission to the start of the batch
 * @param preprocessNanos batch preprocessing (resize, normalise, state merge)
 * @param inferenceNanos batch forward pass
 * @param postprocessNanos batch postprocessing (masks at frame size, state split)
 */
public record SegmentationOutput(int width, int height, byte[] trainIds, long[] classCounts, boolean stateCarried,
        double recomputedFraction, int batchSize, double meanFiringRate, double energyMillijoules, long queueWaitNanos, long preprocessNanos,
        long inferenceNanos, long postprocessNanos) {

    /** Requires a mask of {@code width * height} pixels and a recomputed fraction in [0, 1]. */
    public SegmentationOutput {
        if (trainIds.length != (long) width * height) {
            throw new IllegalArgumentException("Mask has " + trainIds.length + " pixels, expected " + width + "x"
                    + height);
        }
        if (!(recomputedFraction >= 0 && recomputedFraction <= 1)) {
            throw new IllegalArgumentException("Recomputed fraction must be in [0, 1], got " + recomputedFraction);
        }
    }

    /** The mask as a {@link TrainIdMask} (sharing the array). */
    public TrainIdMask mask() {
        return new TrainIdMask(width, height, trainIds);
    }
}
