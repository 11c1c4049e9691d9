package io.spikestream.sink;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.Skip;
import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.schemas.avro.StageTimings;
import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.TrainIdMask;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Small frames and results for the sink tests: a W x H frame of one grey and a mask of known classes. */
public final class Fixtures {

    static final int W = 8;
    static final int H = 4;
    static final int GREY = 100;
    /** Recomputed fraction of the results after the first of a camera, which carry state. */
    public static final double DELTA_FRACTION = 0.25;

    private Fixtures() {
    }

    /** Row y of the mask holds class 2y for x < 6 (road, building, fence, traffic light) and 255 after. */
    static byte[] maskIds() {
        byte[] ids = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                ids[y * W + x] = (byte) (x < 6 ? 2 * y : 255);
            }
        }
        return ids;
    }

    /**
     * A segmented frame's result with {@code mask} (its size, PNG and class counts) filled in; the caller sets the
     * timings, rates and the other required fields.
     */
    public static SegmentationResult.Builder segmented(String camera, long sequence, long captureMillis,
            TrainIdMask mask) {
        List<Long> counts = new ArrayList<>();
        for (long c : mask.classCounts(Cityscapes.NUM_CLASSES)) {
            counts.add(c);
        }
        return SegmentationResult.newBuilder()
                .setCameraId(camera)
                .setSequence(sequence)
                .setCaptureTime(Instant.ofEpochMilli(captureMillis))
                .setWidth(mask.width())
                .setHeight(mask.height())
                .setMask(ByteBuffer.wrap(mask.encodePng()))
                .setClassPixelCounts(counts);
    }

    /** A frame of {@code image}, PNG-encoded; the caller may add ground truth. */
    public static Frame.Builder pngFrame(String camera, long sequence, long captureMillis, BufferedImage image) {
        return Frame.newBuilder()
                .setCameraId(camera)
                .setSequence(sequence)
                .setCaptureTime(Instant.ofEpochMilli(captureMillis))
                .setWidth(image.getWidth())
                .setHeight(image.getHeight())
                .setEncoding(ImageEncoding.PNG)
                .setImage(ByteBuffer.wrap(png(image)));
    }

    public static SegmentationResult result(String camera, long sequence, long captureMillis, long totalMicros,
            double firingRate) {
        return segmented(camera, sequence, captureMillis, new TrainIdMask(W, H, maskIds()))
                .setTimings(new StageTimings(1L, 2L, 3L, 4L, 5L, totalMicros))
                .setMeanFiringRate(firingRate)
                .setEnergyMillijoules(1.25)
                .setModelId("spike2former-test")
                .setStateCarried(sequence > 0)
                .setBatchSize(2)
                .setPixelAccuracy(sequence % 2 == 0 ? 0.75 : null)
                .setRecomputedFraction(sequence > 0 ? DELTA_FRACTION : 1.0)
                .build();
    }

    /** The result of a live frame inference skipped: empty mask, no counts, no firing rate (the schema's contract). */
    public static SegmentationResult skipped(String camera, long sequence, long captureMillis, SkipReason reason,
            long ageMillis) {
        return SegmentationResult.newBuilder()
                .setCameraId(camera)
                .setSequence(sequence)
                .setCaptureTime(Instant.ofEpochMilli(captureMillis))
                .setWidth(W)
                .setHeight(H)
                .setMask(ByteBuffer.allocate(0))
                .setClassPixelCounts(List.of())
                .setTimings(new StageTimings(0L, 0L, 0L, 0L, 0L, 0L))
                .setMeanFiringRate(Double.NaN)
                .setEnergyMillijoules(0)
                .setModelId("spike2former-test")
                .setStateCarried(false)
                .setBatchSize(0)
                .setRecomputedFraction(0)
                .setSkipped(new Skip(reason, ageMillis))
                .build();
    }

    static Frame frame(String camera, long sequence, long captureMillis, byte[] groundTruth) {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, GREY << 16 | GREY << 8 | GREY);
            }
        }
        return pngFrame(camera, sequence, captureMillis, image)
                .setGroundTruthMask(groundTruth == null ? null
                        : ByteBuffer.wrap(new TrainIdMask(W, H, groundTruth).encodePng()))
                .build();
    }

    static List<Long> counts(byte[] ids) {
        List<Long> counts = new ArrayList<>();
        for (long c : new TrainIdMask(W, H, ids).classCounts(19)) {
            counts.add(c);
        }
        return counts;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
