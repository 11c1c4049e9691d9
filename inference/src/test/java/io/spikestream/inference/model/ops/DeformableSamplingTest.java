package io.spikestream.inference.model.ops;

import io.spikestream.inference.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import io.spikestream.inference.testing.CpuTest;
import org.junit.jupiter.api.Test;

class DeformableSamplingTest extends CpuTest {


    @Test
    void shouldReadFixtureArraysUnderTheirPythonNames() {
        Map<String, NDArray> f = Fixtures.npz(manager, "dcn_core.npz");
        assertTrue(f.keySet().containsAll(List.of("x", "offset", "mask", "out", "out_scale_half")),
                f.keySet().toString());
        assertEquals(new Shape(2, 5, 6, 6), f.get("x").getShape());
    }

    @Test
    void shouldMatchTorchGridSampleCoreWhenOffsetsAreFractionalAndOutside() {
        Map<String, NDArray> f = Fixtures.npz(manager, "dcn_core.npz");
        int groups = (int) f.get("groups").toLongArray()[0];
        NDArray out = DeformableSampling.sample(f.get("x"), f.get("offset"), f.get("mask"), groups, 3, 1f);
        assertEquals(f.get("out").getShape(), out.getShape());
        assertArrayEquals(f.get("out").toFloatArray(), out.toFloatArray(), 1e-5f);
    }

    @Test
    void shouldMatchTorchGridSampleCoreWhenOffsetScaleIsHalf() {
        Map<String, NDArray> f = Fixtures.npz(manager, "dcn_core.npz");
        int groups = (int) f.get("groups").toLongArray()[0];
        NDArray out = DeformableSampling.sample(f.get("x"), f.get("offset"), f.get("mask"), groups, 3, 0.5f);
        assertArrayEquals(f.get("out_scale_half").toFloatArray(), out.toFloatArray(), 1e-5f);
    }

    @Test
    void shouldSumTheNeighbourhoodWhenOffsetsAreZeroAndMaskIsOne() {
        NDArray x = manager.arange(1f, 7f).reshape(1, 2, 3, 1);
        NDArray out = DeformableSampling.sample(x, manager.zeros(new Shape(1, 2, 3, 18)),
                manager.ones(new Shape(1, 2, 3, 9)), 1, 3, 1f);
        // x = [[1, 2, 3], [4, 5, 6]]: 3x3 box sums with zero padding
        assertArrayEquals(new float[] {12, 21, 16, 12, 21, 16}, out.toFloatArray(), 1e-6f);
    }

    @Test
    void shouldKeepGroupsApartWhenOffsetsDifferPerGroup() {
        NDArray x = manager.create(new float[] {1, 10, 2, 20}, new Shape(1, 1, 2, 2));
        NDArray offset = manager.zeros(new Shape(1, 1, 2, 36));
        NDArray mask = manager.zeros(new Shape(1, 1, 2, 18));
        // centre point p = 4 of each group; group 1 looks one pixel to the right (dx = +1)
        mask.set(new NDIndex("..., 4"), 1f);
        mask.set(new NDIndex("..., 13"), 1f);
        offset.set(new NDIndex("..., 26"), 1f);
        NDArray out = DeformableSampling.sample(x, offset, mask, 2, 3, 1f);
        assertArrayEquals(new float[] {1, 20, 2, 0}, out.toFloatArray(), 1e-6f);
    }

    @Test
    void shouldPropagateGradientsToInputAndOffsets() {
        NDArray x = manager.arange(0f, 8f).reshape(1, 1, 8, 1);
        NDArray offset = manager.full(new Shape(1, 1, 8, 18), 0.25f);
        x.setRequiresGradient(true);
        offset.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray out = DeformableSampling.sample(x, offset, manager.ones(new Shape(1, 1, 8, 9)), 1, 3, 1f);
            gc.backward(out.sum());
        }
        // x = column index, so d out / d dx is the weight of the sample's row that lies inside the map:
        // v = dy + 0.25 puts 0.25 on row 0 for dy = -1, 0.75 for dy = 0, nothing for dy = +1
        float[] g = offset.getGradient().get("0, 0, 4").toFloatArray();
        for (int p = 0; p < 9; p++) {
            float inRow = p % 3 == 0 ? 0.25f : p % 3 == 1 ? 0.75f : 0f;
            assertEquals(inRow, g[2 * p], 1e-5f, "dx of point " + p);
        }
        assertTrue(x.getGradient().sum().getFloat() > 0f);
    }

    @Test
    void shouldRejectOffsetsOfTheWrongWidth() {
        NDArray x = manager.zeros(new Shape(1, 2, 2, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeformableSampling.sample(
                x, manager.zeros(new Shape(1, 2, 2, 9)), manager.zeros(new Shape(1, 2, 2, 9)), 1, 3, 1f));
        assertTrue(e.getMessage().contains("needs offset (1, 2, 2, 18)"), e.getMessage());
    }
}
