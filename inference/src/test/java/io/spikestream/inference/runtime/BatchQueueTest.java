package io.spikestream.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchQueueTest {

    private static BatchQueue<String> queue(int maxSize, long delayMillis) {
        return new BatchQueue<>(maxSize, TimeUnit.MILLISECONDS.toNanos(delayMillis), s -> s.substring(0, 1));
    }

    @Test
    void shouldHoldSecondFrameOfACameraForTheNextBatch() throws Exception {
        BatchQueue<String> q = queue(4, 0);
        for (String s : List.of("a0", "a1", "b0", "a2", "b1", "c0")) {
            q.put(s);
        }
        assertEquals(List.of("a0", "b0", "c0"), q.nextBatch());
        assertEquals(List.of("a1", "b1"), q.nextBatch());
        assertEquals(List.of("a2"), q.nextBatch());
    }

    @Test
    void shouldKeepACamerasFramesOutOfBatchesWhileOneOfItsBatchesIsInFlightWhenExclusive() throws Exception {
        BatchQueue<String> q = new BatchQueue<>(1, 0, s -> s.substring(0, 1), true);
        for (String s : List.of("a0", "a1", "b0")) {
            q.put(s);
        }
        List<String> first = q.nextBatch();
        assertEquals(List.of("a0"), first);
        assertEquals(List.of("b0"), q.nextBatch(), "a1 waits for a0's batch; another worker takes b0");
        java.util.concurrent.CompletableFuture<List<String>> next = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return q.nextBatch();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
        Thread.sleep(200);
        assertFalse(next.isDone(), "only a1 is queued, and a0 is still in flight");
        q.done(first);
        assertEquals(List.of("a1"), next.get(5, TimeUnit.SECONDS));
    }

    @Test
    void shouldCloseBatchAtMaxSize() throws Exception {
        BatchQueue<String> q = queue(2, 10_000);
        for (String s : List.of("a0", "b0", "c0")) {
            q.put(s);
        }
        long t0 = System.nanoTime();
        assertEquals(List.of("a0", "b0"), q.nextBatch());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void shouldWaitForLateArrivalsOfAnotherRecentCameraUntilTheDelay() throws Exception {
        BatchQueue<String> q = queue(3, 2_000);
        q.put("a0");
        q.put("b0");
        assertEquals(List.of("a0", "b0"), q.nextBatch());
        q.put("a1");
        Thread late = new Thread(() -> q.put("b1"));
        late.start();
        List<String> batch = q.nextBatch();
        late.join();
        assertEquals(List.of("a1", "b1"), batch);
    }

    @Test
    void shouldNotWaitWhenNoOtherCameraPutAFrameRecently() throws Exception {
        BatchQueue<String> q = queue(3, 10_000);
        q.put("a0");
        q.put("a1");
        long t0 = System.nanoTime();
        assertEquals(List.of("a0"), q.nextBatch(), "a1 waits for a0's state");
        assertEquals(List.of("a1"), q.nextBatch());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "a lone camera waited for company");
    }

    @Test
    void shouldDrainQueuedItemsAfterCloseAndRejectNewOnes() throws Exception {
        BatchQueue<String> q = queue(1, 1_000);
        q.put("a0");
        q.put("a1");
        q.close();
        assertThrows(IllegalStateException.class, () -> q.put("b0"));
        assertEquals(List.of("a0"), q.nextBatch());
        assertEquals(List.of("a1"), q.nextBatch());
        assertEquals(List.of(), q.nextBatch());
    }
}
