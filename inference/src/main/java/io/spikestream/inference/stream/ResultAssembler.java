package io.spikestream.inference.stream;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.Skip;
import io.spikestream.schemas.avro.StageTimings;
import io.spikestream.vision.SegmentationOutput;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a {@link SegmentationResult} from a frame, its segmentation and the processor's timings, or the record
 * of a frame that was skipped instead.
 */
final class ResultAssembler {

    /** Ground-truth label of pixels that are not scored. */
    static final int IGNORE_LABEL = 255;

    private final String modelId;

    ResultAssembler(String modelId) {
        this.modelId = modelId;
    }

    /**
     * Builds the result.
     *
     * @param decoded the frame
     * @param out its segmentation
     * @param mask the PNG-encoded trainIds
     * @param timings the stage timings
     * @return the record
     */
    SegmentationResult build(DecodedFrame decoded, SegmentationOutput out, byte[] mask, StageTimings timings) {
        return common(decoded.frame(), timings)
                .setWidth(out.width())
                .setHeight(out.height())
                .setMask(ByteBuffer.wrap(mask))
                .setClassPixelCounts(counts(out.classCounts()))
                .setMeanFiringRate(out.meanFiringRate())
                .setEnergyMillijoules(out.energyMillijoules())
                .setStateCarried(out.stateCarried())
                .setBatchSize(out.batchSize())
                .setPixelAccuracy(pixelAccuracy(out.trainIds(), decoded.groundTruth()))
                .setRecomputedFraction(out.recomputedFraction())
                .build();
    }

    /**
     * Builds the record of a frame that was not segmented: the frame's size, an empty mask, no class counts,
     * NaN firing rate, energy 0, batch size 0, recomputed fraction 0 (see {@code SegmentationResult.skipped}).
     *
     * @param frame the frame
     * @param skip why it was skipped, and its age
     * @param timings the time spent on it before it was skipped
     * @return the record
     */
    SegmentationResult skipped(Frame frame, Skip skip, StageTimings timings) {
        return common(frame, timings)
                .setWidth(frame.getWidth())
                .setHeight(frame.getHeight())
                .setMask(ByteBuffer.allocate(0))
                .setClassPixelCounts(List.of())
                .setMeanFiringRate(Double.NaN)
                .setEnergyMillijoules(0)
                .setStateCarried(false)
                .setBatchSize(0)
                .setRecomputedFraction(0)
                .setSkipped(skip)
                .build();
    }

    private SegmentationResult.Builder common(Frame f, StageTimings timings) {
        return SegmentationResult.newBuilder()
                .setCameraId(f.getCameraId())
                .setSequence(f.getSequence())
                .setCaptureTime(f.getCaptureTime())
                .setTimings(timings)
                .setModelId(modelId);
    }

    /**
     * Fraction of scored ground-truth pixels (label != 255) whose predicted id matches.
     *
     * @param predicted predicted ids
     * @param truth ground-truth ids, or null
     * @return the accuracy, or null without ground truth or without any scored pixel
     */
    static Double pixelAccuracy(byte[] predicted, byte[] truth) {
        if (truth == null) {
            return null;
        }
        long scored = 0;
        long correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if ((truth[i] & 0xff) != IGNORE_LABEL) {
                scored++;
                correct += predicted[i] == truth[i] ? 1 : 0;
            }
        }
        return scored == 0 ? null : (double) correct / scored;
    }

    private static List<Long> counts(long[] counts) {
        List<Long> list = new ArrayList<>(counts.length);
        for (long c : counts) {
            list.add(c);
        }
        return list;
    }
}
