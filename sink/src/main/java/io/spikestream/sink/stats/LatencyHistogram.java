package io.spikestream.sink.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A small mergeable histogram of latencies in milliseconds with log-spaced buckets (ratio {@value #GROWTH},
 * so a quantile is within about 2 % of the true value), for mean and p50/p99 over a window or a run.
 *
 * <p>Bucket 0 holds values below {@value #MIN_MILLIS} ms; bucket {@code i >= 1} holds
 * {@code [MIN * GROWTH^(i-1), MIN * GROWTH^i)}; the last bucket also holds everything above ~2 hours. The
 * serialised form lists only the non-empty buckets (10 bytes each, at most ~5 KB). Not thread-safe.
 */
public final class LatencyHistogram {

    static final double MIN_MILLIS = 0.01;
    static final double GROWTH = 1.04;
    static final int BUCKETS = 530;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    private static final byte FORMAT = 1;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Records one latency; NaN is ignored, negative values (clock skew) count as 0. */
    public void record(double millis) {
        if (Double.isNaN(millis)) {
            return;
        }
        double v = Math.max(0, millis);
        counts[bucket(v)]++;
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    /** Adds every value of {@code other}. */
    public void merge(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** Number of values. */
    public long count() {
        return count;
    }

    /** Exact mean, NaN when empty. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * The {@code q}-quantile (0..1) estimated as the geometric centre of the bucket holding the value of rank
     * {@code ceil(q * count)}, clamped to the exact min and max (the exact max for the last rank and the overflow
     * bucket); NaN when empty.
     */
    public double quantile(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        if (rank >= count) {
            return max;
        }
        long seen = 0;
        int i = 0;
        while (i < BUCKETS - 1 && seen + counts[i] < rank) {
            seen += counts[i++];
        }
        return i == BUCKETS - 1 ? max : Math.min(max, Math.max(min, centre(i)));
    }

    /** A copy. */
    public LatencyHistogram copy() {
        LatencyHistogram copy = new LatencyHistogram();
        copy.merge(this);
        return copy;
    }

    /** Writes the histogram (non-empty buckets only). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT);
        out.writeLong(count);
        out.writeDouble(sum);
        out.writeDouble(min);
        out.writeDouble(max);
        int used = 0;
        for (long c : counts) {
            used += c > 0 ? 1 : 0;
        }
        out.writeShort(used);
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] > 0) {
                out.writeShort(i);
                out.writeLong(counts[i]);
            }
        }
    }

    /** Reads what {@link #writeTo} wrote. */
    public static LatencyHistogram readFrom(DataInput in) throws IOException {
        if (in.readByte() != FORMAT) {
            throw new IOException("unknown latency histogram format");
        }
        LatencyHistogram h = new LatencyHistogram();
        h.count = in.readLong();
        h.sum = in.readDouble();
        h.min = in.readDouble();
        h.max = in.readDouble();
        int used = in.readUnsignedShort();
        for (int k = 0; k < used; k++) {
            int i = in.readUnsignedShort();
            if (i >= BUCKETS) {
                throw new IOException("latency bucket " + i + " out of range");
            }
            h.counts[i] = in.readLong();
        }
        return h;
    }

    static int bucket(double millis) {
        if (millis < MIN_MILLIS) {
            return 0;
        }
        int i = 1 + (int) Math.floor(Math.log(millis / MIN_MILLIS) / LOG_GROWTH);
        return Math.min(BUCKETS - 1, i);
    }

    private static double centre(int i) {
        return i == 0 ? MIN_MILLIS / 2 : MIN_MILLIS * Math.pow(GROWTH, i - 0.5);
    }
}
