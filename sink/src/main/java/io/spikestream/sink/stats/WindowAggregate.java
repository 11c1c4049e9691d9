package io.spikestream.sink.stats;

import io.spikestream.schemas.avro.ClassStatistics;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.sink.replay.SequenceSet;
import io.spikestream.vision.Cityscapes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Running sums of one camera's results in one time window: frame count, per-class pixel fractions, firing
 * rate, recomputed fraction and a {@link LatencyHistogram} of the processing latency
 * ({@code timings.totalMicros}, the latency the {@code ClassStatistics} schema defines), and apart from them the
 * count of live frames inference skipped (in none of the others). Serialised with {@link #serde()} in a few
 * hundred bytes to a few KB. It holds the window's sequences ({@link SequenceSet}, a few ranges), so that a
 * result processed twice (a replay after a crash under at-least-once) counts once. The store formats before
 * the skipped count (4, no skipped frames), before the sequences (3) and before the recomputed fraction (2,
 * windows of full passes) are still read.
 */
public final class WindowAggregate {

    private static final byte FORMAT = 5;
    /** The format before the skipped count: its windows hold no skipped frame. */
    private static final byte FORMAT_WITHOUT_SKIPPED = 4;
    /** The format before the sequences: its windows cannot tell a replay, later results still count once. */
    private static final byte FORMAT_WITHOUT_SEQUENCES = 3;
    /** The format before the recomputed fraction; its frames were all full passes. */
    private static final byte FORMAT_WITHOUT_RECOMPUTED = 2;

    private long frames;
    private long skipped;
    private final double[] fractionSums = new double[Cityscapes.NUM_CLASSES];
    private double firingRateSum;
    private long firingMeasured;
    private double recomputedSum;
    private LatencyHistogram latency = new LatencyHistogram();
    private SequenceSet sequences = new SequenceSet();

    /**
     * Adds one result, unless this window holds its sequence already (a result processed again after a
     * restart); a skipped frame's result only counts as skipped. Returns this aggregate (the Streams aggregator
     * contract).
     */
    public WindowAggregate add(SegmentationResult result) {
        if (sequences.add(result.getSequence(), result.getCaptureTime().toEpochMilli()) != SequenceSet.Outcome.NEW) {
            return this;
        }
        if (result.getSkipped() != null) {
            skipped++;
            return this;
        }
        addSegmented(result);
        return this;
    }

    private void addSegmented(SegmentationResult result) {
        double[] fractions = FrameStatistics.pixelFractions(result);
        for (int c = 0; c < fractionSums.length; c++) {
            fractionSums[c] += fractions[c];
        }
        // inference measures firing only on some frames (accounting.interval); the others carry NaN
        if (!Double.isNaN(result.getMeanFiringRate())) {
            firingRateSum += result.getMeanFiringRate();
            firingMeasured++;
        }
        recomputedSum += result.getRecomputedFraction();
        latency.record(result.getTimings().getTotalMicros() / 1000.0);
        frames++;
    }

    /** Number of segmented frames' results added. */
    public long frames() {
        return frames;
    }

    /** Number of skipped frames' results added. */
    public long skipped() {
        return skipped;
    }

    /** The dashboard record of this window, {@code [start, end)} in ms since the epoch. */
    public ClassStatistics toStatistics(String cameraId, long windowStart, long windowEnd) {
        List<Double> meanFractions = new ArrayList<>(fractionSums.length);
        List<String> names = new ArrayList<>(fractionSums.length);
        for (int c = 0; c < fractionSums.length; c++) {
            meanFractions.add(frames == 0 ? 0.0 : fractionSums[c] / frames);
            names.add(Cityscapes.name(c));
        }
        double seconds = Math.max(1, windowEnd - windowStart) / 1000.0;
        return ClassStatistics.newBuilder()
                .setCameraId(cameraId)
                .setWindowStart(Instant.ofEpochMilli(windowStart))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setFrameCount(frames)
                .setMeanPixelFraction(meanFractions)
                .setClassNames(names)
                .setMeanLatencyMillis(orZero(latency.mean()))
                .setP99LatencyMillis(orZero(latency.quantile(0.99)))
                .setMeanFiringRate(firingMeasured == 0 ? 0 : firingRateSum / firingMeasured)
                .setFramesPerSecond(frames / seconds)
                .setMeanRecomputedFraction(frames == 0 ? 1.0 : recomputedSum / frames)
                .setSkippedCount(skipped)
                .build();
    }

    /** The serde of the window store. */
    public static Serde<WindowAggregate> serde() {
        return Serdes.serdeFrom((topic, a) -> a == null ? null : a.toBytes(),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(frames);
            out.writeByte(fractionSums.length);
            for (double v : fractionSums) {
                out.writeDouble(v);
            }
            out.writeDouble(firingRateSum);
            out.writeLong(firingMeasured);
            out.writeDouble(recomputedSum);
            latency.writeTo(out);
            sequences.writeTo(out);
            out.writeLong(skipped);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static WindowAggregate fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format < FORMAT_WITHOUT_RECOMPUTED || format > FORMAT) {
                throw new SerializationException("unknown window aggregate format " + format);
            }
            WindowAggregate a = new WindowAggregate();
            a.frames = in.readLong();
            int classes = in.readUnsignedByte();
            for (int c = 0; c < classes; c++) {
                double v = in.readDouble();
                if (c < a.fractionSums.length) {
                    a.fractionSums[c] = v;
                }
            }
            a.firingRateSum = in.readDouble();
            a.firingMeasured = in.readLong();
            a.recomputedSum = format == FORMAT_WITHOUT_RECOMPUTED ? a.frames : in.readDouble();
            a.latency = LatencyHistogram.readFrom(in);
            if (format >= FORMAT_WITHOUT_SKIPPED) {
                a.sequences = SequenceSet.readFrom(in);
            }
            if (format == FORMAT) {
                a.skipped = in.readLong();
            }
            return a;
        } catch (IOException e) {
            throw new SerializationException("corrupt window aggregate", e);
        }
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
