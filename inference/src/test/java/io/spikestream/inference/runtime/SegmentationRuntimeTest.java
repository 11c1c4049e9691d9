package io.spikestream.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.spikestream.inference.model.MembraneState;
import io.spikestream.inference.model.Spike2FormerGoldenTest;
import io.spikestream.inference.runtime.SegmentationRuntime.BatchOutput;
import io.spikestream.inference.runtime.SegmentationRuntime.FrameOutput;
import io.spikestream.inference.runtime.SegmentationRuntime.RunOptions;
import io.spikestream.inference.testing.Fixtures;
import io.spikestream.vision.RgbImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationRuntimeTest {

    private static final RunOptions CARRY = new RunOptions(true, false);
    private static SegmentationRuntime runtime;

    @BeforeAll
    static void open() throws Exception {
        runtime = SegmentationRuntime.open(Spike2FormerGoldenTest.MICRO, Fixtures.path("micro-checkpoint.pth"),
                Device.cpu(), 64, 128);
    }

    @AfterAll
    static void close() {
        runtime.close();
    }

    private static RgbImage image(int w, int h, long seed) {
        byte[] rgb = new byte[w * h * 3];
        new Random(seed).nextBytes(rgb);
        return new RgbImage(w, h, rgb);
    }

    @Test
    void shouldReturnMaskAtEachFramesOwnSize() {
        BatchOutput out = runtime.segment(List.of(image(128, 64, 1), image(200, 90, 2)),
                Arrays.asList(null, null), new RunOptions(false, true));
        FrameOutput second = out.frames().get(1);
        assertEquals(200 * 90, second.trainIds().length);
        assertEquals(200 * 90, Arrays.stream(second.classCounts()).sum());
        for (byte id : second.trainIds()) {
            assertTrue(id >= 0 && id < 5);
        }
        assertTrue(out.stats().macs() > 0);
        assertTrue(out.stats().meanFiringRate() > 0 && out.stats().meanFiringRate() < 1);
        assertTrue(out.stats().energyMillijoulesPerFrame() > 0);
    }

    @Test
    void shouldGiveEachCameraTheSameResultInABatchAsAlone() {
        RgbImage a0 = image(128, 64, 10);
        RgbImage a1 = image(128, 64, 11);
        RgbImage b = image(128, 64, 12);
        FrameOutput aFirst = runtime.segment(List.of(a0), Arrays.asList((MembraneState) null), CARRY).frames().get(0);
        byte[] aloneA = runtime.segment(List.of(a1), List.of(aFirst.state()), CARRY).frames().get(0).trainIds();
        byte[] aloneB = runtime.segment(List.of(b), Arrays.asList((MembraneState) null), CARRY).frames().get(0).trainIds();
        BatchOutput batch = runtime.segment(List.of(a1, b), Arrays.asList(aFirst.state(), null), CARRY);
        assertArrayEquals(aloneA, batch.frames().get(0).trainIds());
        assertArrayEquals(aloneB, batch.frames().get(1).trainIds());
        assertNotNull(batch.frames().get(1).state());
        assertEquals(1, batch.frames().get(1).state().batchSize());
    }

    @Test
    void shouldChangeTheResultWhenStateIsCarried() {
        RgbImage f0 = image(128, 64, 20);
        RgbImage f1 = image(128, 64, 21);
        MembraneState s = runtime.segment(List.of(f0), Arrays.asList((MembraneState) null), CARRY).frames().get(0).state();
        float[] fresh = logitsProxy(runtime.segment(List.of(f1), Arrays.asList((MembraneState) null), CARRY));
        float[] carried = logitsProxy(runtime.segment(List.of(f1), List.of(s), CARRY));
        assertFalse(Arrays.equals(fresh, carried));
    }

    private static float[] logitsProxy(BatchOutput out) {
        byte[] ids = out.frames().get(0).trainIds();
        float[] f = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            f[i] = ids[i];
        }
        return f;
    }

    @Test
    void shouldLeaveNoArraysBehindInTheModelManager() {
        RgbImage f = image(128, 64, 40);
        runtime.segment(List.of(f), Arrays.asList((MembraneState) null), new RunOptions(false, true));
        int before = runtime.managedArrayCount();
        for (int i = 0; i < 3; i++) {
            runtime.segment(List.of(f, f), Arrays.asList(null, null), new RunOptions(false, true));
        }
        assertEquals(before, runtime.managedArrayCount());
        MembraneState kept = runtime.segment(List.of(f), Arrays.asList((MembraneState) null), CARRY)
                .frames().get(0).state();
        assertEquals(before + kept.neuronCount(), runtime.managedArrayCount());
        kept.close();
        assertEquals(before, runtime.managedArrayCount());
    }

    @Test
    void shouldRejectMismatchedStateList() {
        assertThrows(IllegalArgumentException.class,
                () -> runtime.segment(List.of(image(128, 64, 1)), List.of(), CARRY));
    }

    @Test
    void shouldSaveAndReloadWeightsInDjlFormat(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("micro.params");
        saveUnfolded(file, null);
        assertEquals(Spike2FormerGoldenTest.MICRO, ModelFiles.readConfig(file));
        RgbImage f = image(128, 64, 30);
        byte[] before = runtime.segment(List.of(f), Arrays.asList((MembraneState) null), CARRY).frames().get(0).trainIds();
        try (SegmentationRuntime reloaded = SegmentationRuntime.open(Spike2FormerGoldenTest.MICRO, file, Device.cpu(), 64, 128)) {
            byte[] after = reloaded.segment(List.of(f), Arrays.asList((MembraneState) null), CARRY).frames().get(0).trainIds();
            assertArrayEquals(before, after);
        }
    }

    @Test
    void shouldRunWeightsAtTheSizeTheyWereTrainedAt(@TempDir Path dir) throws Exception {
        Path sized = dir.resolve("sized.params");
        saveUnfolded(sized, new int[] {64, 128});
        assertArrayEquals(new int[] {64, 128}, ModelFiles.readInputSize(sized).orElseThrow());
        assertEquals(Spike2FormerGoldenTest.MICRO, ModelFiles.readConfig(sized));
        assertArrayEquals(new int[] {64, 128}, new ModelSelection(null, sized, "cpu", 0, 0).inputSize());
        assertArrayEquals(new int[] {96, 160}, new ModelSelection(null, sized, "cpu", 96, 160).inputSize());
        Path plain = dir.resolve("plain.params");
        saveUnfolded(plain, null);
        assertTrue(ModelFiles.readInputSize(plain).isEmpty());
        assertArrayEquals(ModelSelection.defaultSize(Spike2FormerGoldenTest.MICRO),
                new ModelSelection(null, plain, "cpu", 0, 0).inputSize());
    }

    /** Saves the micro checkpoint as loaded: a runtime's own model has its BatchNorms folded and refuses. */
    private static void saveUnfolded(Path file, int[] inputSize) throws Exception {
        assertThrows(IllegalStateException.class, () -> ModelFiles.save(runtime.model(), file));
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            ModelFiles.save(ModelFiles.build(Spike2FormerGoldenTest.MICRO, Fixtures.path("micro-checkpoint.pth"), m, 64,
                    128), file, inputSize);
        }
    }
}
