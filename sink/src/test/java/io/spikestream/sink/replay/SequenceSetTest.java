package io.spikestream.sink.replay;

import static io.spikestream.sink.replay.SequenceSet.Outcome.CONFLICT;
import static io.spikestream.sink.replay.SequenceSet.Outcome.NEW;
import static io.spikestream.sink.replay.SequenceSet.Outcome.REPLAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class SequenceSetTest {

    @Test
    void shouldKeepConsecutiveSequencesInOneRangeWhenAddedInAnyOrder() {
        SequenceSet set = new SequenceSet();
        for (long seq : new long[] {0, 2, 1, 4, 3}) {
            assertEquals(NEW, set.add(seq, 1000 + seq));
        }
        assertEquals(5, set.size());
        assertEquals(1, set.ranges());
        assertTrue(set.contains(4));
        assertFalse(set.contains(5));
    }

    @Test
    void shouldTellReplayFromConflictByCaptureTime() {
        SequenceSet set = new SequenceSet();
        for (long seq = 0; seq < 10; seq++) {
            set.add(seq, 1000 + 33 * seq);
        }
        set.add(20, 5000);
        assertEquals(REPLAY, set.add(3, 1000 + 99));
        assertEquals(REPLAY, set.add(20, 5000));
        assertEquals(CONFLICT, set.add(0, 900_000), "a new stream numbered from 0 again");
        assertEquals(CONFLICT, set.add(20, 5001));
        assertEquals(11, set.size());
        assertEquals(2, set.ranges());
    }

    @Test
    void shouldReadWhatItWrote() throws Exception {
        SequenceSet set = new SequenceSet();
        set.add(7, 70);
        set.add(8, 80);
        set.add(100, 1000);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        set.writeTo(new DataOutputStream(bytes));
        SequenceSet read = SequenceSet.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(3, read.size());
        assertEquals(REPLAY, read.add(8, 75));
        assertEquals(CONFLICT, read.add(100, 999));
        assertEquals(NEW, read.add(9, 90));
    }
}
