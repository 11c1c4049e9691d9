package io.spikestream.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.spikestream.inference.model.MembraneState;
import io.spikestream.inference.model.Spike2FormerGoldenTest;
import io.spikestream.inference.runtime.SegmentationRuntime.FrameOutput;
import io.spikestream.inference.runtime.SegmentationRuntime.RunOptions;
import io.spikestream.inference.stream.SegmentationOutput;
import io.spikestream.inference.stream.SegmentationRequest;
import io.spikestream.inference.stream.SegmenterException;
import io.spikestream.inference.stream.SegmenterMetrics;
import io.spikestream.inference.testing.Fixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BatchingSegmenterTest {

    private static SegmentationRuntime runtime() throws Exception {
        return SegmentationRuntime.open(Spike2FormerGoldenTest.MICRO, Fixtures.path("micro-checkpoint.pth"),
                Device.cpu(), 64, 128);
    }

    private static BatchingSegmenter segmenter(int maxBatch, long delayMillis, int maxCameras,
            long accountingInterval) throws Exception {
        return BatchingSegmenter.start(runtime(),
                new BatchingOptions(maxBatch, delayMillis, true, 0, maxCameras, accountingInterval));
    }

    private static RgbImage image(String camera, long sequence) {
        byte[] rgb = new byte[128 * 64 * 3];
        new Random(camera.hashCode() * 31L + sequence).nextBytes(rgb);
        return new RgbImage(128, 64, rgb);
    }

    private static SegmentationRequest request(String camera, long sequence) {
        return new SegmentationRequest(camera, sequence, 0, image(camera, sequence));
    }

    @Test
    void shouldBatchCamerasOfConcurrentCallersAndMatchUnbatchedResults() throws Exception {
        List<String> cameras = List.of("a", "b", "c");
        List<List<SegmentationOutput>> outputs = new ArrayList<>();
        try (BatchingSegmenter s = segmenter(3, 1_000, 4, 0)) {
            ExecutorService pool = Executors.newFixedThreadPool(cameras.size());
            List<Future<List<SegmentationOutput>>> futures = new ArrayList<>();
            for (String camera : cameras) {
                futures.add(pool.submit(() -> {
                    List<SegmentationOutput> out = new ArrayList<>();
                    for (long seq = 0; seq < 3; seq++) {
                        out.add(s.segment(request(camera, seq)));
                    }
                    return out;
                }));
            }
            for (Future<List<SegmentationOutput>> f : futures) {
                outputs.add(f.get());
            }
            pool.shutdown();
            SegmenterMetrics m = s.metrics();
            assertEquals(9, m.frames());
            assertTrue(m.maxBatchSize() > 1, "no batch of several cameras: " + Arrays.toString(m.batchSizeHistogram()));
            assertEquals(3, m.resets().get("NEW_CAMERA"));
        }
        assertTrue(outputs.stream().flatMap(List::stream).anyMatch(o -> o.batchSize() > 1));
        try (SegmentationRuntime reference = runtime()) {
            for (int c = 0; c < cameras.size(); c++) {
                MembraneState state = null;
                for (int seq = 0; seq < 3; seq++) {
                    FrameOutput alone = reference.segment(List.of(image(cameras.get(c), seq)), Arrays.asList(state),
                            new RunOptions(true, false)).frames().get(0);
                    SegmentationOutput batched = outputs.get(c).get(seq);
                    assertArrayEquals(alone.trainIds(), batched.trainIds(), cameras.get(c) + " frame " + seq);
                    assertEquals(seq > 0, batched.stateCarried());
                    assertEquals(alone.recomputedFraction(), batched.recomputedFraction());
                    state = alone.state();
                }
            }
        }
    }

    @Test
    void shouldKeepTwoFramesOfOneCameraOutOfOneBatch() throws Exception {
        try (BatchingSegmenter s = segmenter(4, 1_500, 4, 0)) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            Future<SegmentationOutput> a0 = pool.submit(() -> s.segment(request("a", 0)));
            Thread.sleep(150);
            Future<SegmentationOutput> a1 = pool.submit(() -> s.segment(request("a", 1)));
            Thread.sleep(150);
            Future<SegmentationOutput> b0 = pool.submit(() -> s.segment(request("b", 0)));
            assertEquals(2, a0.get().batchSize());
            assertEquals(2, b0.get().batchSize());
            assertEquals(1, a1.get().batchSize());
            assertTrue(a1.get().stateCarried());
            pool.shutdown();
        }
    }

    @Test
    void shouldResetOnGapAndAfterEviction() throws Exception {
        try (BatchingSegmenter s = segmenter(2, 0, 2, 0)) {
            assertFalse(s.segment(request("a", 0)).stateCarried());
            assertTrue(s.segment(request("a", 1)).stateCarried());
            assertFalse(s.segment(request("a", 3)).stateCarried());
            assertTrue(s.segment(request("a", 4)).stateCarried());
            s.segment(request("b", 0));
            s.segment(request("c", 0));
            assertFalse(s.segment(request("a", 5)).stateCarried());
            SegmenterMetrics m = s.metrics();
            assertEquals(1, m.resets().get("SEQUENCE_GAP"));
            assertEquals(1, m.resets().get("EVICTED"));
            assertTrue(m.evictions() >= 1);
            assertEquals(2, m.cameras());
        }
    }

    @Test
    void shouldMeasureFiringOnlyEveryAccountingInterval() throws Exception {
        try (BatchingSegmenter s = segmenter(1, 0, 2, 2)) {
            SegmentationOutput f0 = s.segment(request("a", 0));
            SegmentationOutput f1 = s.segment(request("a", 1));
            assertTrue(f0.meanFiringRate() > 0 && f0.energyMillijoules() > 0);
            assertTrue(Double.isNaN(f1.meanFiringRate()) && Double.isNaN(f1.energyMillijoules()));
            assertEquals(128 * 64, Arrays.stream(f1.classCounts()).sum());
        }
    }

    @Test
    void shouldFailClearlyAfterClose() throws Exception {
        BatchingSegmenter s = segmenter(1, 0, 2, 0);
        s.close();
        SegmenterException e = assertThrows(SegmenterException.class, () -> s.segment(request("a", 0)));
        assertTrue(e.getMessage().contains("closed") && e.getMessage().contains("camera 'a'"), e.getMessage());
    }
}
