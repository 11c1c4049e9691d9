package io.spikestream.inference.stream;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.StageTimings;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Fills a {@link SegmentationResult} from a frame, its segmentation and the processor's timings. */
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
        Frame f = decoded.frame();
        return SegmentationResult.newBuilder()
                .setCameraId(f.getCameraId())
                .setSequence(f.getSequence())
                .setCaptureTime(f.getCaptureTime())
                .setWidth(out.width())
                .setHeight(out.height())
                .setMask(ByteBuffer.wrap(mask))
                .setClassPixelCounts(counts(out.classCounts()))
                .setTimings(timings)
                .setMeanFiringRate(out.meanFiringRate())
                .setEnergyMillijoules(out.energyMillijoules())
                .setModelId(modelId)
                .setStateCarried(out.stateCarried())
                .setBatchSize(out.batchSize())
                .setPixelAccuracy(pixelAccuracy(out.trainIds(), decoded.groundTruth()))
                .setRecomputedFraction(out.recomputedFraction())
                .build();
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
