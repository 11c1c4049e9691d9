package io.spikestream.inference.model.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class BilinearTest {

    @Test
    void shouldMatchTorchInterpolateWhenUpsamplingByTwo() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray y = Bilinear.resize(x, 4, 4);
            assertEquals(new Shape(1, 1, 4, 4), y.getShape());
            // torch.nn.functional.interpolate(x, size=(4, 4), mode="bilinear", align_corners=False)
            float[] expected = {
                1.0f, 1.25f, 1.75f, 2.0f,
                1.5f, 1.75f, 2.25f, 2.5f,
                2.5f, 2.75f, 3.25f, 3.5f,
                3.0f, 3.25f, 3.75f, 4.0f};
            assertArrayEquals(expected, y.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void shouldMatchTorchInterpolateWhenShrinkingByNonIntegerFactor() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = m.arange(0f, 5f).reshape(1, 1, 1, 5);
            NDArray y = Bilinear.resize(x, 1, 3);
            // scale 5/3: sources 0.3333, 2.0, 3.6667
            assertArrayEquals(new float[] {1f / 3f, 2f, 11f / 3f}, y.toFloatArray(), 1e-5f);
        }
    }
}
