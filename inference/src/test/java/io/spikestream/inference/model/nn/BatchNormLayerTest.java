package io.spikestream.inference.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.spikestream.inference.testing.CpuTest;
import org.junit.jupiter.api.Test;

class BatchNormLayerTest extends CpuTest {

    /** (2, 2, 1, 2): channel 0 constant 0.3 (a convolution of silent spikes: its bias), channel 1 varies. */
    private NDArray input() {
        return manager.create(new float[] {0.3f, 0.3f, 1f, 3f, 0.3f, 0.3f, -2f, 0f}, new Shape(2, 2, 1, 2));
    }

    @Test
    void shouldPassNoGradientThroughAConstantChannelWhenTraining() {
        BatchNormLayer bn = new BatchNormLayer(2);
        bn.initialize(manager, DataType.FLOAT32, new Shape(1));
        NDArray x = input();
        x.setRequiresGradient(true);
        NDArray weights = manager.create(new float[] {1, -2, 3, 4, 5, 6, -7, 8}, new Shape(2, 2, 1, 2));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = bn.forward(context(true, null), x);
            // channel 0 normalises to beta = 0; channel 1 has mean 0.5, variance 3.25
            assertArrayEquals(new float[] {0, 0, 0.27735f, 1.38675f, 0, 0, -1.38675f, -0.27735f}, y.toFloatArray(),
                    1e-4f);
            gc.backward(y.mul(weights).sum());
        }
        float[] g = x.getGradient().toFloatArray();
        assertArrayEquals(new float[] {0, 0, 0, 0}, new float[] {g[0], g[1], g[4], g[5]}, 0f,
                "without the guard these would be (w - mean w) / sqrt(eps) ~ 1e3");
        assertTrue(Math.abs(g[2]) > 1e-3 && Math.abs(g[3]) > 1e-3, "the varying channel keeps its gradient");
    }

    @Test
    void shouldReturnTheInputWhenNoChannelIsConstant() {
        NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 9}, new Shape(2, 2, 1, 2));
        assertEquals(x, BatchNormLayer.guardConstantChannels(x));
    }
}
