package io.spikestream.inference.model.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.testing.CpuTest;
import org.junit.jupiter.api.Test;

class MsAttentionTest extends CpuTest {


    private NDArray spikes(long b, long c, long n) {
        return manager.randomInteger(0, 9, new Shape(b, c, n), ai.djl.ndarray.types.DataType.INT32)
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false).div(8);
    }

    /** The official chain: flatten, transpose, reshape to heads, permute; Q @ (K^T @ V) * scale; back. */
    private static NDArray officialChain(NDArray q, NDArray k, NDArray v, int heads, float scale) {
        Shape s = q.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long n = s.get(2);
        Shape split = new Shape(b, n, heads, c / heads);
        NDArray qh = q.transpose(0, 2, 1).reshape(split).transpose(0, 2, 1, 3);
        NDArray kh = k.transpose(0, 2, 1).reshape(split).transpose(0, 2, 1, 3);
        NDArray vh = v.transpose(0, 2, 1).reshape(split).transpose(0, 2, 1, 3);
        NDArray x = qh.matMul(kh.transpose(0, 1, 3, 2).matMul(vh)).mul(scale);
        return x.transpose(0, 1, 3, 2).reshape(b, c, n);
    }

    @Test
    void shouldEqualOfficialHeadSplitAttentionWhenInputsAreSpikes() {
        NDArray q = spikes(2, 12, 10);
        NDArray k = spikes(2, 12, 10);
        NDArray v = spikes(2, 12, 10);
        float scale = (float) Math.pow(4, -0.5);
        NDArray ours = MsAttention.linearAttention(q, k, v, 3, scale);
        assertEquals(new Shape(2, 12, 10), ours.getShape());
        assertArrayEquals(officialChain(q, k, v, 3, scale).toFloatArray(), ours.toFloatArray(), 0f);
    }

    @Test
    void shouldMatchHandComputedValueWhenOneHead() {
        NDArray q = manager.create(new float[] {1f, 0.5f}, new Shape(1, 1, 2));
        NDArray k = manager.create(new float[] {0.25f, 1f}, new Shape(1, 1, 2));
        NDArray v = manager.create(new float[] {1f, 0.5f}, new Shape(1, 1, 2));
        // K^T V = 0.25 + 0.5 = 0.75; out_n = q_n * 0.75 * 2
        assertArrayEquals(new float[] {1.5f, 0.75f},
                MsAttention.linearAttention(q, k, v, 1, 2f).toFloatArray(), 0f);
    }
}
