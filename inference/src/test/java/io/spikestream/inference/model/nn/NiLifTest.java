package io.spikestream.inference.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.MembraneState;
import io.spikestream.inference.testing.CpuTest;
import org.junit.jupiter.api.Test;

class NiLifTest extends CpuTest {


    @Test
    void shouldQuantizeClipAndNormalizeWhenStateIsFresh() {
        NiLif neuron = new NiLif(8);
        NDArray x = manager.create(new float[] {-1.2f, 0.4f, 0.5f, 1.5f, 2.5f, 3.49f, 7.6f, 9.3f});
        SpikeContext ctx = context(false, null);
        float[] out = neuron.fire(ctx, x).toFloatArray();
        // round half to even: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2
        assertArrayEquals(new float[] {0, 0, 0, 2 / 8f, 2 / 8f, 3 / 8f, 1f, 1f}, out, 1e-6f);
        MembraneState carried = ctx.finish();
        assertArrayEquals(new float[] {-1.2f, 0.4f, 0.5f, -0.5f, 0.5f, 0.49f, -0.4f, 1.3f},
                carried.potential(0).toFloatArray(), 1e-5f);
    }

    @Test
    void shouldIntegrateCarriedPotentialWhenStateIsGiven() {
        NiLif neuron = new NiLif(4);
        SpikeContext first = context(false, null);
        neuron.fire(first, manager.create(new float[] {0.4f, 0.4f, -2f}));
        MembraneState state = first.finish();
        SpikeContext second = context(false, state);
        float[] out = neuron.fire(second, manager.create(new float[] {0.4f, 0.0f, 1f})).toFloatArray();
        // v = 0.4 + 0.4 = 0.8 -> 1; v = 0.4 -> 0; v = -2 + 1 = -1 -> 0
        assertArrayEquals(new float[] {0.25f, 0f, 0f}, out, 1e-6f);
        assertArrayEquals(new float[] {-0.2f, 0.4f, -1f}, second.finish().potential(0).toFloatArray(), 1e-5f);
    }

    @Test
    void shouldPassGradientStraightThroughInsideRangeOnly() {
        NiLif neuron = new NiLif(8);
        NDArray x = manager.create(new float[] {-0.5f, 0.3f, 4.6f, 9f});
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = neuron.fire(context(true, null), x);
            gc.backward(y.sum());
        }
        assertArrayEquals(new float[] {0f, 1 / 8f, 1 / 8f, 0f}, x.getGradient().toFloatArray(), 1e-6f);
    }

    @Test
    void shouldRejectStateOfAnotherShape() {
        NiLif neuron = new NiLif(8);
        SpikeContext first = context(false, null);
        neuron.fire(first, manager.zeros(new ai.djl.ndarray.types.Shape(1, 3)));
        MembraneState state = first.finish();
        SpikeContext second = context(false, state);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> neuron.fire(second, manager.zeros(new ai.djl.ndarray.types.Shape(1, 4))));
        assertEquals(true, e.getMessage().contains("another input size"));
    }
}
