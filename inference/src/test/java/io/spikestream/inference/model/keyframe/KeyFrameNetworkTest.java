package io.spikestream.inference.model.keyframe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.Spike2Former;
import io.spikestream.inference.model.Spike2FormerGoldenTest;
import io.spikestream.inference.model.delta.DeltaCache;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.runtime.ModelFiles;
import io.spikestream.inference.runtime.Preprocessor;
import io.spikestream.inference.runtime.SegmentationRuntime;
import io.spikestream.inference.runtime.SegmentationRuntime.DeltaFrame;
import io.spikestream.inference.runtime.SegmentationRuntime.RunOptions;
import io.spikestream.inference.testing.Fixtures;
import io.spikestream.inference.testing.MovingBox;
import io.spikestream.vision.RgbImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Key-frame inference: a key frame is the plain model's pass, a frame reusing the context of its own key frame
 * gives the same logits, and the runner makes key frames by interval, adaptive change and input size.
 */
class KeyFrameNetworkTest {

    private static final int H = 128;
    private static final int W = 256;

    @Test
    void shouldGiveThePlainPassOnAKeyFrameAndOnReuseOfTheSameFrame() throws Exception {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); NDScope scope = new NDScope()) {
            Spike2Former<?, ?> model = ModelFiles.build(Spike2FormerGoldenTest.MICRO,
                    Fixtures.path("micro-checkpoint.pth"), m, H, W);
            KeyFrameNetwork network = new KeyFrameNetwork(model);
            NDArray image = Preprocessor.normalise(m.randomUniform(0, 255, new ai.djl.ndarray.types.Shape(2, 3, H, W)));
            HeadOutput plain = model.forward(context(m), image, true);
            KeyFrameNetwork.KeyFrame key = network.key(context(m), image, true);
            assertTrue(plain.classLogits().allClose(key.output().classLogits(), 0, 0, false));
            assertTrue(plain.maskLogits().allClose(key.output().maskLogits(), 0, 0, false));
            assertEquals(1, key.context().classLogits().getShape().get(1), "last layer only");

            HeadOutput reused = network.reuse(context(m), image, key.context());
            NDArray lastMasks = plain.maskLogits().get(":, -1:");
            assertTrue(lastMasks.allClose(reused.maskLogits(), 1e-5, 1e-4, false),
                    "reusing a frame's own context gives its mask logits");
            assertTrue(plain.classLogits().get(":, -1:").allClose(reused.classLogits(), 0, 0, false));
        }
    }

    @Test
    void shouldMakeKeyFramesByIntervalAndGiveThePlainMasksOnThem() throws Exception {
        try (SegmentationRuntime runtime = micro()) {
            List<Boolean> keys = keyFlags(runtime, new KeyFrameSettings(3, 0), 7, i -> MovingBox.frame(W, H, i));
            assertEquals(List.of(true, false, false, true, false, false, true), keys);
        }
    }

    @Test
    void shouldEqualResetAtIntervalOne() throws Exception {
        try (SegmentationRuntime runtime = micro(); DeltaCache cache = new DeltaCache()) {
            for (int f = 0; f < 3; f++) {
                RgbImage image = MovingBox.frame(W, H, f);
                DeltaFrame k = runtime.segmentKeyFrame(image, cache, new KeyFrameSettings(1, 0), false);
                assertArrayEquals(fullPass(runtime, image), k.trainIds(), "frame " + f);
                assertEquals(1.0, k.recomputed());
            }
        }
    }

    @Test
    void shouldMakeAKeyFrameWhenTheSceneChangesOrTheSizeDoes() throws Exception {
        try (SegmentationRuntime runtime = micro()) {
            KeyFrameSettings adaptive = new KeyFrameSettings(100, 20);
            List<Boolean> keys = keyFlags(runtime, adaptive, 5,
                    i -> i == 3 ? inverted(MovingBox.frame(W, H, i)) : MovingBox.frame(W, H, i));
            assertEquals(List.of(true, false, false, true, true), keys, "the inverted frame 3, and frame 4 against it");
            List<Boolean> resized = keyFlags(runtime, adaptive, 3,
                    i -> i == 2 ? halfSize(MovingBox.frame(W, H, i)) : MovingBox.frame(W, H, i));
            assertEquals(List.of(true, false, false), resized,
                    "a camera that halves its resolution shows the same scene at the network input: no key frame");
        }
    }

    @Test
    void shouldRecomputeLessOnFramesBetweenKeyFrames() throws Exception {
        try (SegmentationRuntime runtime = micro(); DeltaCache cache = new DeltaCache()) {
            runtime.segmentKeyFrame(MovingBox.frame(W, H, 0), cache, new KeyFrameSettings(4, 0), false);
            DeltaFrame f = runtime.segmentKeyFrame(MovingBox.frame(W, H, 1), cache, new KeyFrameSettings(4, 0), false);
            assertTrue(f.recomputed() > 0.1 && f.recomputed() < 0.6, "recomputed " + f.recomputed());
            assertEquals(1.0, f.stageShares().get(KeyFrameRunner.REUSE));
        }
    }

    @Test
    void shouldBatchCamerasAtDifferentPointsOfTheirIntervals() throws Exception {
        try (SegmentationRuntime runtime = micro(); DeltaCache a = new DeltaCache(); DeltaCache b = new DeltaCache()) {
            KeyFrameSettings every2 = new KeyFrameSettings(2, 0);
            runtime.segmentKeyFrame(MovingBox.frame(W, H, 0), a, every2, false);
            List<RgbImage> frames = List.of(MovingBox.frame(W, H, 1), MovingBox.frame(W, H, 5));
            var out = runtime.segmentKeyFrames(frames, List.of(a, b), every2, false);
            assertTrue(out.frames().get(0).recomputedFraction() < 1, "camera a reuses its key frame");
            assertEquals(1.0, out.frames().get(1).recomputedFraction(), "camera b starts with a key frame");
            assertArrayEquals(fullPass(runtime, frames.get(1)), out.frames().get(1).trainIds());
            var next = runtime.segmentKeyFrames(frames, List.of(a, b), every2, false);
            assertEquals(1.0, next.frames().get(0).recomputedFraction(), "camera a's interval ended");
            assertTrue(next.frames().get(1).recomputedFraction() < 1, "camera b reuses its key frame");
        }
    }

    private static List<Boolean> keyFlags(SegmentationRuntime runtime, KeyFrameSettings settings, int frames,
            java.util.function.IntFunction<RgbImage> frame) {
        List<Boolean> keys = new ArrayList<>();
        try (DeltaCache cache = new DeltaCache()) {
            for (int f = 0; f < frames; f++) {
                keys.add(runtime.segmentKeyFrame(frame.apply(f), cache, settings, false).recomputed() == 1.0);
            }
        }
        return keys;
    }

    private static SpikeContext context(NDManager m) {
        return SpikeContext.builder(new ParameterStore(m, false), Device.cpu()).build();
    }

    private static SegmentationRuntime micro() throws Exception {
        return SegmentationRuntime.open(Spike2FormerGoldenTest.MICRO, Fixtures.path("micro-checkpoint.pth"),
                Device.cpu(), H, W);
    }

    private static byte[] fullPass(SegmentationRuntime runtime, RgbImage image) {
        return runtime.segment(List.of(image), Collections.singletonList(null), new RunOptions(false, false))
                .frames().get(0).trainIds();
    }

    /** Every other pixel of every other row. */
    private static RgbImage halfSize(RgbImage image) {
        int w = image.width() / 2;
        int h = image.height() / 2;
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(image.rgb(), 3 * (2 * y * image.width() + 2 * x), rgb, 3 * (y * w + x), 3);
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static RgbImage inverted(RgbImage image) {
        byte[] rgb = image.rgb().clone();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (255 - (rgb[i] & 0xff));
        }
        return new RgbImage(image.width(), image.height(), rgb);
    }
}
