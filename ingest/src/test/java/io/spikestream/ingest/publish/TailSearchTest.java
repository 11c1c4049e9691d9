package io.spikestream.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TailSearchTest {

    private final List<String> reads = new ArrayList<>();

    /** A partition whose offset {@code o} holds sequence {@code sequences[o]}, or another camera's frame (-1). */
    private TailSearch.ChunkReader partition(long... sequences) {
        return (from, to) -> {
            reads.add(from + ".." + to);
            return LongStream.range(from, to).map(o -> sequences[(int) o]).filter(s -> s >= 0).max();
        };
    }

    @Test
    void shouldReadOnlyTheLastChunkWhenTheCameraPublishedRecently() {
        OptionalLong found = new TailSearch(3).highestSequence(0, 8, partition(0, 1, 2, 3, 4, -1, 5, -1));
        assertEquals(OptionalLong.of(5), found);
        assertEquals(List.of("5..8"), reads);
    }

    @Test
    void shouldStepBackChunkByChunkPastOtherCamerasWhenTheCameraIsOlder() {
        OptionalLong found = new TailSearch(3).highestSequence(2, 10, partition(0, 1, 2, 3, -1, -1, -1, -1, -1, -1));
        assertEquals(OptionalLong.of(3), found);
        assertEquals(List.of("7..10", "4..7", "2..4"), reads);
    }

    @Test
    void shouldFindNothingAfterReadingDownToTheBeginningWhenTheCameraIsNew() {
        assertEquals(OptionalLong.empty(), new TailSearch(4).highestSequence(1, 6, partition(9, -1, -1, -1, -1, -1)));
        assertEquals(List.of("2..6", "1..2"), reads);
    }

    @Test
    void shouldReadNothingWhenThePartitionIsEmpty() {
        assertEquals(OptionalLong.empty(), new TailSearch(4).highestSequence(7, 7, partition()));
        assertEquals(List.of(), reads);
        assertThrows(IllegalArgumentException.class, () -> new TailSearch(0));
    }
}
