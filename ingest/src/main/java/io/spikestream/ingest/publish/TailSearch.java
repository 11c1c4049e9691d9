package io.spikestream.ingest.publish;

import java.util.OptionalLong;

/**
 * Searches a partition backwards, one chunk of offsets at a time from its end, for the newest chunk holding
 * a camera's frames, and answers that chunk's highest sequence. Only the tail is read when the camera published
 * recently; a camera the partition never held costs a read of the whole partition.
 */
final class TailSearch {

    /** Reads the offsets {@code [from, to)} and answers the camera's highest sequence among them, if any. */
    @FunctionalInterface
    interface ChunkReader {
        OptionalLong highestSequence(long from, long to);
    }

    private final int chunk;

    TailSearch(int chunk) {
        if (chunk <= 0) {
            throw new IllegalArgumentException("chunk must be positive, not " + chunk);
        }
        this.chunk = chunk;
    }

    /** The camera's highest sequence in the newest chunk of {@code [beginning, end)} that holds any of it. */
    OptionalLong highestSequence(long beginning, long end, ChunkReader reader) {
        for (long to = end; to > beginning; to -= chunk) {
            OptionalLong found = reader.highestSequence(Math.max(beginning, to - chunk), to);
            if (found.isPresent()) {
                return found;
            }
        }
        return OptionalLong.empty();
    }
}
