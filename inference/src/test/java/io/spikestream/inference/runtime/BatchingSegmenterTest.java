package io.spikestream.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import io.spikestream.inference.model.Spike2FormerGoldenTest;
import io.spikestream.inference.model.delta.DeltaCache;
import io.spikestream.inference.model.delta.DeltaSettings;
import io.spikestream.inference.runtime.SegmentationRuntime.RunOptions;
import io.spikestream.inference.testing.Fixtures;
import io.spikestream.inference.testing.MovingBox;
import io.spikestream.vision.RgbImage;
import io.spikestream.vision.SegmentationOutput;
import io.spikestream.vision.SegmentationRequest;
import io.spikestream.vision.SegmenterException;
import io.spikestream.vision.SegmenterMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BatchingSegmenterTest {

    private static final int W = 256;
    private static final int H = 128;
    private static final DeltaSettings EXACT = new DeltaSettings(0, 16, 0.5);

    private static SegmentationRuntime runtime() throws Exception {
        return SegmentationRuntime.open(Spike2FormerGoldenTest.MICRO, Fixtures.path("micro-checkpoint.pth"),
                Device.cpu(), H, W);
    }

    private static BatchingOptions options(StateMode mode, int maxBatch, long delayMillis, int maxCameras,
            long accountingInterval) {
        return new BatchingOptions(maxBatch, delayMillis, mode, EXACT, KeyFrameSettings.DEFAULT, 0, maxCameras, accountingInterval, 1);
    }

    private static BatchingSegmenter segmenter(StateMode mode, int maxBatch, long delayMillis, int maxCameras,
            long accountingInterval) throws Exception {
        return BatchingSegmenter.start(runtime(), options(mode, maxBatch, delayMillis, maxCameras, accountingInterval));
    }

    /** The moving-box frame {@code index} at the test size. */
    private static RgbImage frame(int index) {
        return MovingBox.frame(W, H, index);
    }

    private static SegmentationRequest request(String camera, long sequence) {
        return request(camera, sequence, (int) sequence);
    }

    private static SegmentationRequest request(String camera, long sequence, int frame) {
        return new SegmentationRequest(camera, sequence, 0, frame(frame));
    }

    /** Frames 0, 0 (unchanged), 1 (the box moved) of each camera, sent from one thread per camera. */
    private static List<List<SegmentationOutput>> sendConcurrently(BatchingSegmenter s, List<String> cameras)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(cameras.size());
        List<Future<List<SegmentationOutput>>> futures = new ArrayList<>();
        for (String camera : cameras) {
            futures.add(pool.submit(() -> List.of(s.segment(request(camera, 0, 0)), s.segment(request(camera, 1, 0)),
                    s.segment(request(camera, 2, 1)))));
        }
        List<List<SegmentationOutput>> outputs = new ArrayList<>();
        for (Future<List<SegmentationOutput>> f : futures) {
            outputs.add(f.get());
        }
        pool.shutdown();
        return outputs;
    }

    @Test
    void shouldGiveBatchedCamerasTheMasksOfResetModeWhenDeltaThresholdIsZero() throws Exception {
        List<String> cameras = List.of("a", "b");
        List<List<SegmentationOutput>> delta;
        List<List<SegmentationOutput>> reset;
        try (BatchingSegmenter s = segmenter(StateMode.DELTA, 2, 1_000, 4, 0)) {
            delta = sendConcurrently(s, cameras);
            SegmenterMetrics m = s.metrics();
            assertEquals(6, m.frames());
            assertTrue(m.maxBatchSize() > 1, "no batch of several cameras: " + Arrays.toString(m.batchSizeHistogram()));
            assertEquals(2, m.resets().get("NEW_CAMERA"));
        }
        try (BatchingSegmenter s = segmenter(StateMode.RESET, 2, 1_000, 4, 0)) {
            reset = sendConcurrently(s, cameras);
            assertEquals(4, s.metrics().resets().get("PER_FRAME"));
        }
        for (int c = 0; c < cameras.size(); c++) {
            for (int seq = 0; seq < 3; seq++) {
                SegmentationOutput d = delta.get(c).get(seq);
                SegmentationOutput r = reset.get(c).get(seq);
                assertArrayEquals(r.trainIds(), d.trainIds(), cameras.get(c) + " frame " + seq);
                assertEquals(seq > 0, d.stateCarried());
                assertFalse(r.stateCarried());
                assertEquals(1.0, r.recomputedFraction());
            }
            assertEquals(1.0, delta.get(c).get(0).recomputedFraction());
            assertTrue(delta.get(c).get(1).recomputedFraction() < 1, "an unchanged frame is not recomputed");
        }
        assertTrue(delta.stream().flatMap(List::stream).anyMatch(o -> o.batchSize() > 1));
    }

    /** Four cameras' frames on two workers, one frame per batch; the threads that ran passes go to {@code threads}. */
    private static List<List<SegmentationOutput>> onTwoWorkers(StateMode mode, Set<String> threads,
            java.util.function.Consumer<SegmenterMetrics> check) throws Exception {
        try (BatchingSegmenter s = BatchingSegmenter.start(runtime(), new BatchingOptions(1, 0, mode, EXACT, KeyFrameSettings.DEFAULT, 0, 4, 0, 2))) {
            s.setBatchListener((frames, nanos) -> threads.add(Thread.currentThread().getName() + " libtorch threads "
                    + JniUtils.getNumThreads()));
            List<List<SegmentationOutput>> outputs = sendConcurrently(s, FOUR_CAMERAS);
            assertEquals(12, s.metrics().frames());
            assertEquals(0, s.metrics().failedFrames());
            check.accept(s.metrics());
            return outputs;
        }
    }

    private static final List<String> FOUR_CAMERAS = List.of("a", "b", "c", "d");
    private static final Set<String> BOTH_WORKERS_ALONE = Set.of("spikestream-inference-0 libtorch threads 1",
            "spikestream-inference-1 libtorch threads 1");

    @Test
    void shouldShareTheModelBetweenWorkersAndGiveTheMasksOfOnePass() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<List<SegmentationOutput>> shared = onTwoWorkers(StateMode.RESET, threads, m -> { });
        assertEquals(BOTH_WORKERS_ALONE, threads, "both workers ran passes, each on its own thread alone (TorchThreads)");
        assertMasksOfSinglePasses(FOUR_CAMERAS, shared);
    }

    /** Each camera's frames 0, 0, 1 (as {@link #sendConcurrently} sends them) have the masks of single passes. */
    private static void assertMasksOfSinglePasses(List<String> cameras, List<List<SegmentationOutput>> outputs)
            throws Exception {
        try (SegmentationRuntime alone = runtime()) {
            for (int c = 0; c < cameras.size(); c++) {
                for (int seq = 0; seq < 3; seq++) {
                    byte[] expected = alone.segment(List.of(frame(seq == 2 ? 1 : 0)), Collections.singletonList(null),
                            new RunOptions(false, false)).frames().get(0).trainIds();
                    assertArrayEquals(expected, outputs.get(c).get(seq).trainIds(), cameras.get(c) + " " + seq);
                }
            }
        }
    }

    @Test
    void shouldRunDeltaModeOnTwoWorkersWithEachCamerasFramesInOrder() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<List<SegmentationOutput>> delta = onTwoWorkers(StateMode.DELTA, threads, m -> assertEquals(4,
                m.resets().get("NEW_CAMERA"), "every camera continued its own cache"));
        assertEquals(BOTH_WORKERS_ALONE, threads);
        assertMasksOfSinglePasses(FOUR_CAMERAS, delta);
        for (List<SegmentationOutput> camera : delta) {
            for (int seq = 0; seq < 3; seq++) {
                assertEquals(seq > 0, camera.get(seq).stateCarried());
            }
        }
    }

    @Test
    void shouldRunKeyFrameModeOnTwoWorkersReusingEachCamerasOwnKeyFrame() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<List<SegmentationOutput>> keyFrames = onTwoWorkers(StateMode.KEYFRAME, threads, m -> assertEquals(4,
                m.resets().get("NEW_CAMERA"), "every camera continued its own cache"));
        assertEquals(BOTH_WORKERS_ALONE, threads);
        try (SegmentationRuntime alone = runtime()) {
            byte[] first = alone.segment(List.of(frame(0)), Collections.singletonList(null),
                    new RunOptions(false, false)).frames().get(0).trainIds();
            for (List<SegmentationOutput> camera : keyFrames) {
                assertArrayEquals(first, camera.get(0).trainIds(), "the key frame is a full pass");
                assertArrayEquals(first, camera.get(1).trainIds(), "the same frame again, from its own key frame");
                assertEquals(1.0, camera.get(0).recomputedFraction());
                assertTrue(camera.get(1).recomputedFraction() < 1 && camera.get(2).recomputedFraction() < 1);
                assertTrue(camera.get(2).stateCarried());
            }
        }
    }

    @Test
    void shouldTellTheBatchListenerOfEveryPassBeforeItsFramesReturn() throws Exception {
        List<long[]> passes = new CopyOnWriteArrayList<>();
        try (BatchingSegmenter s = segmenter(StateMode.RESET, 2, 0, 4, 0)) {
            s.setBatchListener((frames, nanos) -> passes.add(new long[] {frames, nanos}));
            SegmentationOutput first = s.segment(request("a", 0));
            assertEquals(1, passes.size());
            s.segment(request("a", 1));
            assertEquals(2, passes.size());
            assertEquals(1, passes.get(0)[0]);
            assertEquals(first.inferenceNanos(), passes.get(0)[1]);
            assertTrue(passes.get(1)[1] > 0);
        }
    }

    @Test
    void shouldKeepTwoFramesOfOneCameraOutOfOneBatch() throws Exception {
        try (BatchingSegmenter s = segmenter(StateMode.DELTA, 4, 1_500, 4, 0)) {
            s.segment(request("b", 0)); // b is then a recent camera, which a batch waits for
            ExecutorService pool = Executors.newFixedThreadPool(3);
            Future<SegmentationOutput> a0 = pool.submit(() -> s.segment(request("a", 0)));
            Thread.sleep(150);
            Future<SegmentationOutput> a1 = pool.submit(() -> s.segment(request("a", 1)));
            Thread.sleep(150);
            Future<SegmentationOutput> b1 = pool.submit(() -> s.segment(request("b", 1)));
            assertEquals(2, a0.get().batchSize());
            assertEquals(2, b1.get().batchSize());
            assertEquals(1, a1.get().batchSize());
            assertTrue(a1.get().stateCarried());
            pool.shutdown();
        }
    }

    @Test
    void shouldContinueTheCacheAcrossGapsAndStartKeyFramesOnReplayAndAfterEviction() throws Exception {
        try (BatchingSegmenter s = segmenter(StateMode.DELTA, 2, 0, 2, 0)) {
            assertFalse(s.segment(request("a", 0)).stateCarried());
            assertTrue(s.segment(request("a", 1)).stateCarried());
            assertTrue(s.segment(request("a", 3)).stateCarried());
            SegmentationOutput replay = s.segment(request("a", 2));
            assertFalse(replay.stateCarried());
            assertEquals(1.0, replay.recomputedFraction());
            assertTrue(s.segment(request("a", 4)).stateCarried());
            s.segment(request("b", 0));
            s.segment(request("c", 0));
            assertFalse(s.segment(request("a", 5)).stateCarried());
            SegmenterMetrics m = s.metrics();
            assertEquals(1, m.resets().get("SEQUENCE_REPLAY"));
            assertEquals(1, m.resets().get("EVICTED"));
            assertTrue(m.evictions() >= 1);
            assertEquals(2, m.cameras());
        }
    }

    @Test
    void shouldGiveAClipWithSkippedFramesTheMasksOfResetModeWhenDeltaThresholdIsZero() throws Exception {
        long[] kept = {0, 1, 4, 5, 9, 16};
        List<SegmentationOutput> delta = new ArrayList<>();
        List<SegmentationOutput> reset = new ArrayList<>();
        try (BatchingSegmenter s = segmenter(StateMode.DELTA, 1, 0, 2, 0)) {
            for (long seq : kept) {
                delta.add(s.segment(request("a", seq)));
            }
            assertEquals(Map.of("NEW_CAMERA", 1L), nonZero(s.metrics().resets()));
        }
        try (BatchingSegmenter s = segmenter(StateMode.RESET, 1, 0, 2, 0)) {
            for (long seq : kept) {
                reset.add(s.segment(request("a", seq)));
            }
        }
        for (int i = 0; i < kept.length; i++) {
            assertArrayEquals(reset.get(i).trainIds(), delta.get(i).trainIds(), "frame " + kept[i]);
            assertEquals(i > 0, delta.get(i).stateCarried(), "frame " + kept[i]);
        }
        assertTrue(delta.get(2).recomputedFraction() < 1, "a frame after a gap recomputes only what moved");
    }

    private static Map<String, Long> nonZero(Map<String, Long> counts) {
        Map<String, Long> out = new HashMap<>(counts);
        out.values().removeIf(n -> n == 0);
        return out;
    }

    @Test
    void shouldFreeTheCacheOfAnEvictedCameraAndDropEveryCameraOnClose() throws Exception {
        SegmentationRuntime runtime = runtime();
        try (DeltaCache warmUp = new DeltaCache()) {
            runtime.segmentDelta(List.of(frame(0)), List.of(warmUp), EXACT, false);
        }
        int model = runtime.managedArrayCount();
        BatchingSegmenter s = BatchingSegmenter.start(runtime, options(StateMode.DELTA, 1, 0, 1, 0));
        s.segment(request("a", 0));
        int cache = runtime.managedArrayCount() - model;
        assertTrue(cache > 0, "a camera's cache holds arrays");
        s.segment(request("a", 1));
        s.segment(request("b", 0));
        assertEquals(model + cache, runtime.managedArrayCount(), "a's cache is freed when b evicts it");
        s.close();
        assertEquals(0, s.metrics().cameras());
    }

    @Test
    void shouldMeasureFiringOnlyEveryAccountingInterval() throws Exception {
        try (BatchingSegmenter s = segmenter(StateMode.RESET, 1, 0, 2, 2)) {
            SegmentationOutput f0 = s.segment(request("a", 0));
            SegmentationOutput f1 = s.segment(request("a", 1));
            assertTrue(f0.meanFiringRate() > 0 && f0.energyMillijoules() > 0);
            assertTrue(Double.isNaN(f1.meanFiringRate()) && Double.isNaN(f1.energyMillijoules()));
            assertEquals(W * H, Arrays.stream(f1.classCounts()).sum());
            assertFalse(f1.stateCarried());
            assertEquals(1, s.metrics().resets().get("PER_FRAME"));
        }
    }

    @Test
    void shouldFailClearlyAfterClose() throws Exception {
        BatchingSegmenter s = segmenter(StateMode.RESET, 1, 0, 2, 0);
        s.close();
        SegmenterException e = assertThrows(SegmenterException.class, () -> s.segment(request("a", 0)));
        assertTrue(e.getMessage().contains("closed") && e.getMessage().contains("camera 'a'"), e.getMessage());
    }
}
