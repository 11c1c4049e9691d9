package io.spikestream.inference.model.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SpikeAttentionBlockTest {

    @Test
    void shouldEqualQueryKeyValueProductOverScaleWhenInputsAreSpikes() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray q = m.create(new float[] {1, 0.5f, 0, 1, 0, 1, 1, 0.5f}, new Shape(1, 2, 4));
            NDArray k = m.create(new float[] {1, 0, 1, 0, 0.5f, 1, 0, 1, 0, 0, 0.5f, 0.5f}, new Shape(1, 3, 4));
            NDArray v = m.create(new float[] {1, 0, 0, 1, 0, 1, 0.5f, 0, 1, 1, 1, 1}, new Shape(1, 3, 4));
            NDArray out = SpikeAttentionBlock.attend(q, k, v, 2, 2f);
            assertEquals(new Shape(1, 2, 4), out.getShape());
            // head 0 (channels 0-1): scores [[1, 1, 0], [0, 1, 0]] -> [[1, 1], [0, 1]]
            // head 1 (channels 2-3): scores [[0, 1, .5], [1, .5, .75]] -> [[1, .5], [1, 1.75]]; all / 2
            assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.25f, 0f, 0.5f, 0.5f, 0.875f}, out.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void shouldMatchNaiveLoopWhenManyKeysAndHeads() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            m.getEngine().setRandomSeed(3);
            int nq = 5;
            int nk = 7;
            int c = 8;
            NDArray q = m.randomInteger(0, 9, new Shape(1, nq, c), ai.djl.ndarray.types.DataType.INT32)
                    .toType(ai.djl.ndarray.types.DataType.FLOAT32, false).div(8);
            NDArray k = q.get("0").expandDims(0).concat(m.ones(new Shape(1, nk - nq, c)).div(8), 1);
            NDArray v = k.flip(2);
            float[] qa = q.toFloatArray();
            float[] ka = k.toFloatArray();
            float[] va = v.toFloatArray();
            int heads = 4;
            int dh = c / heads;
            float[] expected = new float[nq * c];
            for (int i = 0; i < nq; i++) {
                for (int h = 0; h < heads; h++) {
                    for (int j = 0; j < nk; j++) {
                        float s = 0;
                        for (int d = 0; d < dh; d++) {
                            s += qa[i * c + h * dh + d] * ka[j * c + h * dh + d];
                        }
                        for (int d = 0; d < dh; d++) {
                            expected[i * c + h * dh + d] += s / (float) Math.sqrt(c) * va[j * c + h * dh + d];
                        }
                    }
                }
            }
            NDArray out = SpikeAttentionBlock.attend(q, k, v, heads, (float) Math.sqrt(c));
            assertArrayEquals(expected, out.toFloatArray(), 1e-5f);
        }
    }
}
