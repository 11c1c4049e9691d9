package io.spikestream.training.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.nn.LinearLayer;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    /**
     * Toy block: y = W x + b with W (1 x 2), x = [3, 4], loss = y. Gradients: dW = [3, 4], db = [1]; global norm
     * sqrt(9 + 16 + 1) = sqrt(26). Clipping to 0.01 scales them by 0.01 / (sqrt(26) + 1e-6).
     */
    @Test
    void shouldScaleAllGradientsByTheGlobalNormWhenAboveTheBound() {
        try (NDManager m = NDManager.newBaseManager()) {
            LinearLayer layer = new LinearLayer(2, 1, true, false);
            layer.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            SpikeContext ctx = SpikeContext.builder(new ParameterStore(m, false), m.getDevice()).optTraining(true).build();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(layer.forward(ctx, m.create(new float[] {3, 4}, new Shape(1, 2))).sum());
            }
            List<NDArray> grads = new ArrayList<>();
            for (var e : layer.getParameters()) {
                grads.add(e.getValue().getArray().getGradient());
            }
            double norm = GradientClipping.clip(grads, 0.01);
            assertEquals(Math.sqrt(26), norm, 1e-5);
            double coef = 0.01 / (Math.sqrt(26) + 1e-6);
            assertArrayEquals(new float[] {(float) (3 * coef), (float) (4 * coef)}, grads.get(0).toFloatArray(), 1e-7f);
            assertArrayEquals(new float[] {(float) coef}, grads.get(1).toFloatArray(), 1e-7f);
            assertEquals(0.01, GradientClipping.globalNorm(grads), 1e-6);
        }
    }

    @Test
    void shouldLeaveGradientsAloneWhenBelowTheBound() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> grads = List.of(m.create(new float[] {0.001f, 0.002f}));
            GradientClipping.clip(grads, 0.01);
            assertArrayEquals(new float[] {0.001f, 0.002f}, grads.get(0).toFloatArray(), 0f);
        }
    }
}
