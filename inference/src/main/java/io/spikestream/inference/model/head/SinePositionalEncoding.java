package io.spikestream.inference.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.nn.SpikeBlock;

/**
 * mmdet's {@code SinePositionalEncoding} with {@code normalize=True} (DETR), for an unpadded map; the head
 * holds it as {@code decoder_pe}. It has no parameters.
 *
 * <p>With {@code F = numFeats}, positions {@code y = (i + 1) / (H + eps) * 2pi} and
 * {@code x = (j + 1) / (W + eps) * 2pi}, and {@code t_k = 10000^(2 floor(k / 2) / F)}:
 *
 * <pre>
 *   pe[c]     = sin(y / t_c) for even c &lt; F,  cos(y / t_c) for odd c &lt; F
 *   pe[F + c] = the same with x
 * </pre>
 *
 * so the channels are {@code F} of y then {@code F} of x, each interleaved sin, cos, sin, ...
 */
public final class SinePositionalEncoding extends SpikeBlock {

    private static final double SCALE = 2 * Math.PI;
    private static final float EPS = 1e-6f;
    private static final float TEMPERATURE = 10000f;

    private final int numFeats;

    /**
     * Creates the encoding.
     *
     * @param numFeats F, channels per axis (the output has 2F channels); must be even
     */
    public SinePositionalEncoding(int numFeats) {
        if (numFeats <= 0 || numFeats % 2 != 0) {
            throw new IllegalArgumentException("numFeats must be positive and even, got " + numFeats);
        }
        this.numFeats = numFeats;
    }

    /**
     * Encodes an {@code h x w} map as tokens, on the device of {@code like}.
     *
     * @param like any array on the target device (its manager owns the result)
     * @param h map height
     * @param w map width
     * @return {@code (h * w, 2F)}, token {@code i * w + j} (row-major as {@code flatten(2)})
     */
    public NDArray tokens(NDArray like, int h, int w) {
        NDManager m = like.getManager();
        NDArray rows = m.create(axisTable(h), new Shape(h, 1, numFeats)).toDevice(like.getDevice(), false);
        NDArray cols = m.create(axisTable(w), new Shape(1, w, numFeats)).toDevice(like.getDevice(), false);
        Shape grid = new Shape(h, w, numFeats);
        return NDArrays.concat(new NDList(rows.broadcast(grid), cols.broadcast(grid)), 2)
                .reshape(h * (long) w, 2L * numFeats);
    }

    /**
     * The encoding of one axis of length n, float32 arithmetic as in the official code.
     *
     * @param n axis length
     * @return {@code n x F} values, row-major
     */
    float[] axisTable(int n) {
        float[] out = new float[n * numFeats];
        float denominator = n + EPS;
        for (int i = 0; i < n; i++) {
            float pos = (i + 1) / denominator * (float) SCALE;
            for (int c = 0; c < numFeats; c++) {
                float arg = pos / dimT(c);
                out[i * numFeats + c] = (float) (c % 2 == 0 ? Math.sin(arg) : Math.cos(arg));
            }
        }
        return out;
    }

    private float dimT(int c) {
        return (float) Math.pow(TEMPERATURE, 2f * (c / 2) / numFeats);
    }
}
