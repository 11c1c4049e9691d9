package io.spikestream.schemas;

import io.spikestream.schemas.avro.ClassStatistics;
import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.StageTimings;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** One filled-in instance of each record, with and without the optional fields. */
final class SampleRecords {

    static final Instant CAPTURED = Instant.parse("2026-11-28T12:00:00.123Z");

    private SampleRecords() {}

    static Frame frame() {
        return Frame.newBuilder()
                .setCameraId("cam-1")
                .setSequence(42)
                .setCaptureTime(CAPTURED)
                .setWidth(64)
                .setHeight(32)
                .setEncoding(ImageEncoding.JPEG)
                .setImage(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 1, 2))
                .build();
    }

    static Frame frameWithGroundTruth() {
        return Frame.newBuilder(frame())
                .setEncoding(ImageEncoding.PNG)
                .setGroundTruthMask(bytes(0x89, 'P', 'N', 'G'))
                .setSource("scene:highway/seed=7")
                .build();
    }

    static SegmentationResult result() {
        return SegmentationResult.newBuilder()
                .setCameraId("cam-1")
                .setSequence(42)
                .setCaptureTime(CAPTURED)
                .setWidth(64)
                .setHeight(32)
                .setMask(bytes(0x89, 'P', 'N', 'G'))
                .setClassPixelCounts(List.of(1000L, 48L, 0L))
                .setTimings(timings())
                .setMeanFiringRate(0.173)
                .setEnergyMillijoules(12.5)
                .setModelId("spike2former-tiny@1")
                .setStateCarried(true)
                .setBatchSize(4)
                .setPixelAccuracy(0.91)
                .setRecomputedFraction(0.25)
                .build();
    }

    static SegmentationResult resultWithoutGroundTruth() {
        return SegmentationResult.newBuilder(result())
                .setPixelAccuracy(null)
                .setStateCarried(false)
                .build();
    }

    static ClassStatistics stats() {
        return ClassStatistics.newBuilder()
                .setCameraId("cam-1")
                .setWindowStart(CAPTURED)
                .setWindowEnd(CAPTURED.plusSeconds(10))
                .setFrameCount(250)
                .setMeanPixelFraction(List.of(0.4, 0.35, 0.25))
                .setClassNames(List.of("road", "sidewalk", "building"))
                .setMeanLatencyMillis(38.2)
                .setP99LatencyMillis(71.0)
                .setMeanFiringRate(0.18)
                .setFramesPerSecond(25.0)
                .setMeanRecomputedFraction(0.6)
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setSourceTopic("spikestream.frames")
                .setPartition(3)
                .setOffset(1234L)
                .setCameraId("cam-1")
                .setReason("unknown magic byte")
                .setErrorClass("org.apache.kafka.common.errors.SerializationException")
                .setTime(CAPTURED)
                .setPayload(bytes(1, 2, 3))
                .build();
    }

    static DeadLetter deadLetterWithoutKeyOrPayload() {
        return DeadLetter.newBuilder(deadLetter()).setCameraId(null).setPayload(null).build();
    }

    private static StageTimings timings() {
        return StageTimings.newBuilder()
                .setQueueWaitMicros(150)
                .setDecodeMicros(2100)
                .setPreprocessMicros(800)
                .setInferenceMicros(31000)
                .setPostprocessMicros(1900)
                .setTotalMicros(36100)
                .build();
    }

    private static ByteBuffer bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return ByteBuffer.wrap(out);
    }
}
