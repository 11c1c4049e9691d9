package io.spikestream.sink.stats;

import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.Skip;
import io.spikestream.vision.Cityscapes;

import java.util.List;

/**
 * The per-frame numbers of one result, as written to the camera's CSV and aggregated per window. For a live
 * frame inference skipped ({@link #skipped()} not null) only the key fields and the skip mean anything: the
 * record carries no mask, class counts or firing rate.
 *
 * @param cameraId camera id
 * @param sequence frame sequence number
 * @param captureTimeMillis capture time, ms since the epoch
 * @param latencyMillis end-to-end latency at the sink: sink wall clock minus capture time
 * @param processingMillis time in the inference processor ({@code timings.totalMicros / 1000})
 * @param pixelFractions per trainId 0..18: {@code classPixelCounts[c] / (width * height)}
 * @param firingRate mean firing rate of the frame
 * @param energyMillijoules estimated energy of the frame
 * @param modelId model id
 * @param stateCarried whether the frame continued its camera's state (a delta frame)
 * @param batchSize inference batch size
 * @param pixelAccuracy pixel accuracy against ground truth, or null without ground truth
 * @param recomputedFraction share of the model's work recomputed for the frame, 0..1 (1.0 for a full pass)
 * @param skipped why inference skipped the frame and its age then, or null for a segmented frame
 */
public record FrameStatistics(
        String cameraId,
        long sequence,
        long captureTimeMillis,
        double latencyMillis,
        double processingMillis,
        double[] pixelFractions,
        double firingRate,
        double energyMillijoules,
        String modelId,
        boolean stateCarried,
        int batchSize,
        Double pixelAccuracy,
        double recomputedFraction,
        Skip skipped) {

    /** The statistics of {@code result} seen at wall-clock time {@code nowMillis}. */
    public static FrameStatistics of(SegmentationResult result, long nowMillis) {
        long capture = result.getCaptureTime().toEpochMilli();
        return new FrameStatistics(
                result.getCameraId(),
                result.getSequence(),
                capture,
                nowMillis - capture,
                result.getTimings().getTotalMicros() / 1000.0,
                pixelFractions(result),
                result.getMeanFiringRate(),
                result.getEnergyMillijoules(),
                result.getModelId(),
                result.getStateCarried(),
                result.getBatchSize(),
                result.getPixelAccuracy(),
                result.getRecomputedFraction(),
                result.getSkipped());
    }

    /** Whether inference skipped the frame instead of segmenting it. */
    public boolean isSkipped() {
        return skipped != null;
    }

    /**
     * {@code classPixelCounts[c] / (width * height)} for the 19 Cityscapes classes; entries beyond 19 are
     * ignored and missing ones are 0.
     */
    public static double[] pixelFractions(SegmentationResult result) {
        double pixels = Math.max(1.0, (double) result.getWidth() * result.getHeight());
        List<Long> counts = result.getClassPixelCounts();
        double[] fractions = new double[Cityscapes.NUM_CLASSES];
        for (int c = 0; c < fractions.length && c < counts.size(); c++) {
            fractions[c] = counts.get(c) / pixels;
        }
        return fractions;
    }
}
