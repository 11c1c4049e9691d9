package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication, division and power by a constant that stay correct under autograd on the CPU. Use these,
 * not {@code NDArray.mul(Number)}, {@code div(Number)} or {@code pow(Number)}, on every array that may take a
 * gradient.
 *
 * <p>Why: DJL's PyTorch engine (0.36) turns the number into a tensor over a Java direct buffer
 * ({@code torch::from_blob}, no copy) and closes that tensor's Java handle right after the operation. Autograd
 * keeps the tensor for the backward pass ({@code d(x c)/dx = c}), but the closed handle no longer holds the
 * buffer, so the garbage collector may free it first and the backward pass then reads freed memory. In
 * training this gave gradients of 1e18 to infinity and NaN in up to 60% of the steps, and in every step when a
 * collection was forced before the backward pass (docs/training.md). Here the constant comes from libtorch
 * ({@code full}), which owns and reference-counts its memory. Inference is not affected (nothing is kept).
 */
public final class Scalars {

    private Scalars() {}

    /**
     * @param x any array
     * @param c constant
     * @return {@code x * c}
     */
    public static NDArray mul(NDArray x, double c) {
        try (NDArray k = constant(x, c)) {
            return x.mul(k);
        }
    }

    /**
     * @param x any array
     * @param c constant
     * @return {@code x / c}
     */
    public static NDArray div(NDArray x, double c) {
        try (NDArray k = constant(x, c)) {
            return x.div(k);
        }
    }

    /**
     * @param x any array
     * @param c exponent
     * @return {@code x ^ c}
     */
    public static NDArray pow(NDArray x, double c) {
        try (NDArray k = constant(x, c)) {
            return x.pow(k);
        }
    }

    /** A 0-d array owned by the engine, on the device and of the type of {@code like}. */
    private static NDArray constant(NDArray like, double c) {
        return like.getManager().full(new Shape(), (float) c, like.getDataType()).toDevice(like.getDevice(), false);
    }
}
