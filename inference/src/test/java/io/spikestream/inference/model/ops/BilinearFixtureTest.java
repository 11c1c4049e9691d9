package io.spikestream.inference.model.ops;

import io.spikestream.inference.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Bilinear#resize} against {@code F.interpolate(bilinear, align_corners=False)} from PyTorch. */
class BilinearFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"up2", "up_frac", "down", "mixed"})
    void shouldMatchTorchInterpolateWhenResizingToFixtureSize(String name) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> f = Fixtures.npz(m, "interpolate.npz");
            NDArray expected = f.get(name);
            Shape s = expected.getShape();
            NDArray y = Bilinear.resize(f.get("x"), s.get(2), s.get(3));
            assertEquals(s, y.getShape());
            assertArrayEquals(expected.toFloatArray(), y.toFloatArray(), 1e-5f);
        }
    }
}
