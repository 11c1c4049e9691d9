package io.spikestream.inference.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.spikestream.inference.testing.CpuTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ScalarsTest extends CpuTest {

    private static final int TERMS = 200;

    @Test
    void shouldKeepTheConstantOfAProductAliveForTheBackwardPass() {
        float[] grad = gradientAfterCollection(x -> Scalars.mul(x, 3));
        float[] expected = new float[grad.length];
        Arrays.fill(expected, 3f * TERMS);
        assertArrayEquals(expected, grad);
    }

    @Test
    void shouldKeepTheDivisorAndTheExponentAlive() {
        float[] expected = new float[16];
        Arrays.fill(expected, TERMS * (0.5f + 2f));
        assertArrayEquals(expected, gradientAfterCollection(x -> Scalars.div(x, 2).add(Scalars.pow(x, 2))), 1e-3f);
    }

    /**
     * Sums {@code TERMS} applications of {@code op} to ones, then runs the garbage collector and fills freshly
     * allocated native memory with NaN (so that a freed constant would be overwritten) before the backward pass.
     */
    private float[] gradientAfterCollection(UnaryOperator<NDArray> op) {
        NDArray x = manager.ones(new Shape(16));
        x.setRequiresGradient(true);
        List<ByteBuffer> junk = new ArrayList<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = null;
            for (int i = 0; i < TERMS; i++) {
                NDArray t = op.apply(x);
                y = y == null ? t : y.add(t);
            }
            for (int round = 0; round < 3; round++) {
                System.gc();
                for (int i = 0; i < 4 * TERMS; i++) {
                    junk.add(nanBuffer());
                }
            }
            gc.backward(y.sum());
        }
        return x.getGradient().toFloatArray();
    }

    private static ByteBuffer nanBuffer() {
        ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        b.putFloat(0, Float.NaN);
        return b;
    }
}
