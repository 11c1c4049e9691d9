package io.spikestream.sink.replay;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sequence numbers of one camera that an output holds, as disjoint ranges of consecutive numbers, each with
 * the earliest and latest capture time of its frames. Memory grows with the number of gaps, not of frames.
 *
 * <p>{@link #add} tells a new sequence from a replay of one already held, and both from a <em>conflict</em>: a
 * held sequence whose capture time lies outside its range's capture times, i.e. another frame that was given
 * the same number (a camera's frames numbered again from 0 by a new broker). A camera's capture times rise
 * with its sequence, so a replayed frame always falls inside its range's times. Not thread-safe.
 */
public final class SequenceSet {

    /** What {@link #add} found. */
    public enum Outcome {
        /** The sequence was not held; it is now. */
        NEW,
        /** The sequence was held, from a frame captured within its range's times: the same frame again. */
        REPLAY,
        /** The sequence was held from frames captured at other times: a different frame with the same number. */
        CONFLICT
    }

    private final TreeMap<Long, Range> ranges = new TreeMap<>();
    private long size;

    /**
     * Adds one sequence.
     *
     * @param sequence the sequence number
     * @param captureMillis its frame's capture time, ms since the epoch
     * @return whether it was new, a replay or a conflict (a conflict leaves the set unchanged)
     */
    public Outcome add(long sequence, long captureMillis) {
        Outcome outcome = check(sequence, captureMillis);
        if (outcome != Outcome.NEW) {
            return outcome;
        }
        Map.Entry<Long, Range> below = ranges.floorEntry(sequence);
        Range range = new Range(sequence, sequence, captureMillis, captureMillis);
        if (below != null && below.getValue().last == sequence - 1) {
            range = below.getValue().join(range);
        }
        Range above = ranges.get(sequence + 1);
        if (above != null) {
            ranges.remove(sequence + 1);
            range = range.join(above);
        }
        ranges.put(range.first, range);
        size++;
        return Outcome.NEW;
    }

    /** What {@link #add} would find, without adding. */
    public Outcome check(long sequence, long captureMillis) {
        Map.Entry<Long, Range> below = ranges.floorEntry(sequence);
        if (below == null || below.getValue().last < sequence) {
            return Outcome.NEW;
        }
        return below.getValue().covers(captureMillis) ? Outcome.REPLAY : Outcome.CONFLICT;
    }

    /** Whether {@code sequence} is held. */
    public boolean contains(long sequence) {
        Map.Entry<Long, Range> below = ranges.floorEntry(sequence);
        return below != null && below.getValue().last >= sequence;
    }

    /** The capture times of the range holding {@code sequence}, as "from .. to" for messages, or "" when not held. */
    public String captureTimes(long sequence) {
        Map.Entry<Long, Range> below = ranges.floorEntry(sequence);
        if (below == null || below.getValue().last < sequence) {
            return "";
        }
        Range r = below.getValue();
        return Instant.ofEpochMilli(r.earliest) + " .. " + Instant.ofEpochMilli(r.latest);
    }

    /** Number of sequences held. */
    public long size() {
        return size;
    }

    /** Number of ranges (gaps + 1), which is what the set's memory grows with. */
    public int ranges() {
        return ranges.size();
    }

    /** Writes the set (count, then per range: first, last, earliest, latest). */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(ranges.size());
        for (Range r : ranges.values()) {
            out.writeLong(r.first);
            out.writeLong(r.last);
            out.writeLong(r.earliest);
            out.writeLong(r.latest);
        }
    }

    /** Reads a set written by {@link #writeTo}. */
    public static SequenceSet readFrom(DataInput in) throws IOException {
        SequenceSet set = new SequenceSet();
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("corrupt sequence set: " + count + " ranges");
        }
        for (int i = 0; i < count; i++) {
            Range r = new Range(in.readLong(), in.readLong(), in.readLong(), in.readLong());
            if (r.last < r.first) {
                throw new IOException("corrupt sequence set: range " + r.first + ".." + r.last);
            }
            set.ranges.put(r.first, r);
            set.size += r.last - r.first + 1;
        }
        return set;
    }

    private record Range(long first, long last, long earliest, long latest) {

        boolean covers(long captureMillis) {
            return captureMillis >= earliest && captureMillis <= latest;
        }

        Range join(Range next) {
            return new Range(first, next.last, Math.min(earliest, next.earliest), Math.max(latest, next.latest));
        }
    }
}
