package io.spikestream.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequenceNumbersTest {

    @Test
    void shouldContinueSequenceWhenSourceRestartsItsIndices() {
        SequenceNumbers numbers = new SequenceNumbers(camera -> 0);
        assertEquals(List.of(0L, 1L, 3L, 4L, 5L, 6L), List.of(numbers.next("c", 10), numbers.next("c", 11),
                numbers.next("c", 13), numbers.next("c", 0), numbers.next("c", 1), numbers.next("c", 2)));
    }

    @Test
    void shouldStartEachCameraAtItsOriginAndKeepGapsAndLoopsRisingWhenTheTopicHeldFrames() {
        SequenceNumbers numbers = new SequenceNumbers(Map.of("a", 300L, "b", 0L)::get);
        assertEquals(List.of(300L, 301L, 0L, 304L, 305L, 306L), List.of(numbers.next("a", 7), numbers.next("a", 8),
                numbers.next("b", 0), numbers.next("a", 11), numbers.next("a", 0), numbers.next("a", 1)));
    }

    @Test
    void shouldAskTheOriginOncePerCameraWhenItFirstAppears() {
        List<String> asked = new ArrayList<>();
        SequenceNumbers numbers = new SequenceNumbers(camera -> {
            asked.add(camera);
            return 10;
        });
        for (long i = 0; i < 3; i++) {
            numbers.next("a", i);
            numbers.next("b", i);
        }
        assertEquals(List.of("a", "b"), asked);
    }

    @Test
    void shouldAskAgainAfterAFailedLookupWhenTheCameraComesBack() {
        List<String> asked = new ArrayList<>();
        SequenceNumbers numbers = new SequenceNumbers(camera -> {
            asked.add(camera);
            if (asked.size() == 1) {
                throw new SequenceLookupException("broker unreachable", null);
            }
            return 5;
        });
        assertThrows(SequenceLookupException.class, () -> numbers.next("a", 0));
        assertEquals(5L, numbers.next("a", 1));
        assertEquals(List.of("a", "a"), asked);
    }

    @Test
    void shouldRefuseANegativeFixedStartWhenConfigured() {
        assertThrows(IllegalArgumentException.class, () -> SequenceOrigin.fixed(-1));
        assertEquals(42L, SequenceOrigin.fixed(42).firstSequence("any"));
    }
}
