package io.spikestream.inference.model.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.Spike2FormerGoldenTest;
import io.spikestream.inference.model.head.SemanticInference;
import io.spikestream.inference.model.nn.OpAccounting;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.runtime.ModelSelection;
import io.spikestream.inference.runtime.Preprocessor;
import io.spikestream.inference.runtime.SegmentationRuntime.DeltaFrame;
import io.spikestream.inference.runtime.SegmentationRuntime.RunOptions;
import io.spikestream.inference.runtime.SegmentationRuntime;
import io.spikestream.inference.testing.Fixtures;
import io.spikestream.inference.testing.MovingBox;
import io.spikestream.vision.RgbImage;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Change-driven inference with threshold 0 gives the masks of a full pass on every frame of a fixed camera
 * whose frames change in one moving region, recomputes only that region's reach, and skips a frame that did
 * not change.
 */
class DeltaNetworkTest {

    private static final DeltaSettings EXACT = new DeltaSettings(0, 16, 0.5);

    private static RgbImage frame(int w, int h, int index) {
        return MovingBox.frame(w, h, index);
    }

    private static void assertSameMasksAsFullPasses(SegmentationRuntime runtime, int frames) {
        int w = runtime.inputWidth();
        int h = runtime.inputHeight();
        try (DeltaCache cache = new DeltaCache()) {
            for (int f = 0; f < frames; f++) {
                RgbImage image = frame(w, h, f);
                byte[] full = fullPass(runtime, image);
                DeltaFrame delta = runtime.segmentDelta(image, cache, EXACT, false);
                assertArrayEquals(full, delta.trainIds(), "mask of frame " + f);
                if (f > 0) {
                    assertTrue(delta.recomputed() < 1, "frame " + f + " recomputed " + delta.recomputed());
                    assertTrue(delta.stageShares().get("stem") < 0.5, "stem " + delta.stageShares());
                }
            }
        }
    }

    @Test
    void shouldGiveTheMasksOfFullPassesWithTheShippedWeights() throws Exception {
        try (SegmentationRuntime runtime = ModelSelection.of("tiny-cityscapes", "default", "cpu", 0, 0).open()) {
            assertSameMasksAsFullPasses(runtime, 5);
        }
    }

    @Test
    void shouldGiveTheMasksAndScoresOfFullPassesWithRandomWeights() throws Exception {
        try (SegmentationRuntime runtime = micro()) {
            assertSameMasksAsFullPasses(runtime, 5);
            assertScoresAgree(runtime, 4);
        }
    }

    /** The scores of every frame agree with a full pass's within float rounding of kernels on smaller windows. */
    private static void assertScoresAgree(SegmentationRuntime runtime, int frames) {
        DeltaNetwork delta = new DeltaNetwork(runtime.model(), EXACT, Preprocessor::normalise);
        int w = runtime.inputWidth();
        int h = runtime.inputHeight();
        Preprocessor pre = new Preprocessor(h, w);
        try (NDManager m = NDManager.newBaseManager(); DeltaCache cache = new DeltaCache()) {
            StageCosts costs = costs(delta, m, h, w);
            for (int f = 0; f < frames; f++) {
                try (NDScope scope = new NDScope()) {
                    NDArray raw = pre.raw(List.of(frame(w, h, f)), m);
                    HeadOutput out = runtime.model().forward(context(m), Preprocessor.normalise(raw), false);
                    NDArray full = SemanticInference.scores(out.classLogits().squeeze(1), out.maskLogits().squeeze(1),
                            h, w, SemanticInference.DEFAULT_CHUNK_ELEMENTS);
                    DeltaOutput d = delta.forward(context(m), raw, cache, costs);
                    float diff = full.sub(d.scores()).abs().max().getFloat();
                    assertTrue(diff < 1e-5f, "frame " + f + " scores differ by " + diff);
                    cache.keep(m);
                }
            }
        }
    }

    @Test
    void shouldRecomputeOnlyTheReachOfOneChangedTile() throws Exception {
        try (SegmentationRuntime runtime = micro(); DeltaCache cache = new DeltaCache()) {
            RgbImage still = frame(256, 128, 0);
            runtime.segmentDelta(still, cache, EXACT, false);
            DeltaFrame same = runtime.segmentDelta(still, cache, EXACT, false);
            assertEquals(0, same.recomputed(), 1e-12, "an unchanged frame recomputes nothing");
            byte[] rgb = still.rgb().clone();
            // one pixel in the middle of input tile (row 4, col 8): only that tile changes
            int y = 4 * 16 + 7;
            int x = 8 * 16 + 7;
            rgb[3 * (y * 256 + x)] ^= (byte) 0x40;
            DeltaFrame one = runtime.segmentDelta(new RgbImage(256, 128, rgb), cache, EXACT, false);
            // stem at 1/2: the tile's 8x8 pixels grown by the stem's reach of 2, computed in a window with a halo
            // of 2 more: 16x16 of the 64x128 map
            assertEquals(16.0 * 16 / (64 * 128), one.stageShares().get("stem"), 1e-9);
            assertTrue(one.recomputed() < 1, "recomputed " + one.recomputed());
        }
    }

    @Test
    void shouldKeepTheContextOnASmallChangeAndRunALargeOneAsAFullPass() throws Exception {
        DeltaSettings keeping = new DeltaSettings(0, 16, 0.5, 0.5);
        try (SegmentationRuntime runtime = micro(); DeltaCache cache = new DeltaCache()) {
            runtime.segmentDelta(frame(256, 128, 0), cache, keeping, false);
            DeltaFrame small = runtime.segmentDelta(frame(256, 128, 1), cache, keeping, false);
            assertTrue(small.stageShares().get("l2.down") > 0, "the finer levels follow the change");
            for (String context : List.of("l3.down", "l3.b0.pair", "attention", "encoder", "fpn8", "decoder")) {
                assertEquals(0, small.stageShares().get(context), 1e-12, context + " is kept");
            }
            RgbImage inverted = inverted(frame(256, 128, 2));
            DeltaFrame large = runtime.segmentDelta(inverted, cache, keeping, false);
            assertEquals(1, large.stageShares().get(DeltaNetwork.FULL), 1e-12, "beyond the dense bound: one pass");
            assertEquals(1, large.recomputed(), 1e-12);
            assertArrayEquals(fullPass(runtime, inverted), large.trainIds());
            RgbImage back = inverted(frame(256, 128, 3));
            DeltaFrame after = runtime.segmentDelta(back, cache, keeping, false);
            assertEquals(1, after.stageShares().get("attention"), 1e-12, "the stages start afresh after a full pass");
            assertArrayEquals(fullPass(runtime, back), after.trainIds());
        }
    }

    @Test
    void shouldRefreshTheWholeContextExactlyAboveTheContextBound() throws Exception {
        DeltaSettings refreshing = new DeltaSettings(0, 16, 1.0, 0.01);
        try (SegmentationRuntime runtime = micro(); DeltaCache cache = new DeltaCache()) {
            runtime.segmentDelta(frame(256, 128, 0), cache, refreshing, false);
            RgbImage moved = frame(256, 128, 1);
            DeltaFrame refreshed = runtime.segmentDelta(moved, cache, refreshing, false);
            assertTrue(refreshed.stageShares().get("stem") < 0.5, "the finer levels stay change-driven");
            for (String context : List.of("l3.down", "attention", "encoder", "decoder")) {
                assertEquals(1, refreshed.stageShares().get(context), 1e-12, context + " is refreshed");
            }
            assertArrayEquals(fullPass(runtime, moved), refreshed.trainIds());
        }
    }

    @Test
    void shouldBatchCamerasWhoseCachesHoldDifferentValuesInSeparatePasses() throws Exception {
        DeltaSettings keeping = new DeltaSettings(0, 16, 0.5, 0.5);
        try (SegmentationRuntime runtime = micro(); DeltaCache still = new DeltaCache();
                DeltaCache jumping = new DeltaCache(); DeltaCache fresh = new DeltaCache()) {
            List<DeltaCache> caches = List.of(still, jumping);
            runtime.segmentDelta(List.of(frame(256, 128, 0), frame(256, 128, 0)), caches, keeping, false);
            runtime.segmentDelta(inverted(frame(256, 128, 0)), jumping, keeping, false);
            assertEquals(1, count(jumping.names()), "after a full pass only the reference input is kept");
            List<RgbImage> next = List.of(frame(256, 128, 1), inverted(frame(256, 128, 1)), frame(256, 128, 4));
            List<SegmentationRuntime.FrameOutput> out = runtime.segmentDelta(next,
                    List.of(still, jumping, fresh), keeping, false).frames();
            for (int i = 1; i < next.size(); i++) {
                assertArrayEquals(fullPass(runtime, next.get(i)), out.get(i).trainIds(), "camera " + i);
            }
            assertEquals(count(still.names()), count(jumping.names()), "the stages were filled again");
        }
    }

    private static long count(Iterable<String> names) {
        return java.util.stream.StreamSupport.stream(names.spliterator(), false).count();
    }

    private static SegmentationRuntime micro() throws Exception {
        return SegmentationRuntime.open(Spike2FormerGoldenTest.MICRO, Fixtures.path("micro-checkpoint.pth"),
                Device.cpu(), 128, 256);
    }

    private static byte[] fullPass(SegmentationRuntime runtime, RgbImage image) {
        return runtime.segment(List.of(image), Collections.singletonList(null), new RunOptions(false, false))
                .frames().get(0).trainIds();
    }

    private static RgbImage inverted(RgbImage image) {
        byte[] rgb = image.rgb().clone();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (255 - (rgb[i] & 0xff));
        }
        return new RgbImage(image.width(), image.height(), rgb);
    }

    private static StageCosts costs(DeltaNetwork delta, NDManager m, int h, int w) {
        try (NDScope scope = new NDScope()) {
            return delta.measureCosts(SpikeContext.builder(new ParameterStore(m, false), Device.cpu())
                    .optAccounting(new OpAccounting()).build(), m, h, w);
        }
    }

    private static SpikeContext context(NDManager m) {
        return SpikeContext.builder(new ParameterStore(m, false), Device.cpu()).build();
    }
}
