package io.spikestream.inference.model.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SinePositionalEncodingTest {

    @Test
    void shouldMatchHandComputedValuesWhenMapIsTwoByThree() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray pe = new SinePositionalEncoding(4).tokens(m.zeros(new Shape(1)), 2, 3);
            assertEquals(new Shape(6, 8), pe.getShape());
            float[] v = pe.toFloatArray();
            // token (0, 0): y = 1/2 * 2pi = pi, x = 1/3 * 2pi; t = [1, 1, 100, 100]
            float[] first = {0f, -1f, 0.0314108f, 0.9995066f, 0.8660254f, -0.5f, 0.0209424f, 0.9997807f};
            // token (1, 2): y = x = 2pi
            float[] last = {0f, 1f, 0.0627905f, 0.9980267f, 0f, 1f, 0.0627905f, 0.9980267f};
            assertArrayEquals(first, java.util.Arrays.copyOfRange(v, 0, 8), 2e-5f);
            assertArrayEquals(last, java.util.Arrays.copyOfRange(v, 40, 48), 2e-5f);
        }
    }

    @Test
    void shouldPutYChannelsBeforeXChannelsWhenRowsDiffer() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            float[] v = new SinePositionalEncoding(2).tokens(m.zeros(new Shape(1)), 2, 1).toFloatArray();
            // one column: x is the same for both tokens, y differs (pi, then 2pi)
            assertArrayEquals(new float[] {0f, -1f, 0f, 1f}, new float[] {v[0], v[1], v[4], v[5]}, 2e-5f);
            assertArrayEquals(new float[] {v[2], v[3]}, new float[] {v[6], v[7]}, 0f);
        }
    }
}
