package io.spikestream.inference.model.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear resizing with PyTorch's {@code F.interpolate(mode="bilinear", align_corners=False)}
 * semantics on any device, with gradients.
 *
 * <p>Enlarging uses the engine's interpolation kernel (DJL always asks libtorch for its anti-aliased
 * variant, which equals plain bilinear when enlarging and is an order of magnitude faster than
 * gathers). Shrinking along either axis uses gathers, because the anti-aliased kernel would then
 * average over more than two pixels and differ from {@code F.interpolate}.
 */
public final class Bilinear {

    private Bilinear() {}

    /**
     * Resizes the last two axes.
     *
     * @param x input {@code (..., H, W)}
     * @param outH output height
     * @param outW output width
     * @return resized input {@code (..., outH, outW)}
     */
    public static NDArray resize(NDArray x, long outH, long outW) {
        Shape s = x.getShape();
        int dims = s.dimension();
        long inH = s.get(dims - 2);
        long inW = s.get(dims - 1);
        if (outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException("Resize target must be positive, got " + outH + "x" + outW);
        }
        if (outH == inH && outW == inW) {
            return x;
        }
        if (outH >= inH && outW >= inW) {
            return enlarge(x, outH, outW);
        }
        NDArray rows = interpolateAxis(x, dims - 2, inH, outH);
        return interpolateAxis(rows, dims - 1, inW, outW);
    }

    /** (..., H, W) -> (..., outH, outW) through the engine kernel, which needs (N, C, H, W). */
    private static NDArray enlarge(NDArray x, long outH, long outW) {
        Shape s = x.getShape();
        int dims = s.dimension();
        NDArray four = dims == 4 ? x : x.reshape(1, -1, s.get(dims - 2), s.get(dims - 1));
        NDArray y = four.getNDArrayInternal().interpolation(new long[] {outH, outW}, 1, false);
        if (dims == 4) {
            return y;
        }
        long[] out = s.getShape();
        out[dims - 2] = outH;
        out[dims - 1] = outW;
        return y.reshape(out);
    }

    private static NDArray interpolateAxis(NDArray x, int axis, long in, long out) {
        if (in == out) {
            return x;
        }
        TapArrays taps = taps(in, out).arraysLike(x);
        Shape weightShape = axis == x.getShape().dimension() - 1 ? new Shape(out) : new Shape(out, 1);
        NDArray w1 = taps.weightHi().reshape(weightShape);
        NDArray w0 = w1.neg().add(1f);
        String selector = axis == x.getShape().dimension() - 1 ? "..., {}" : "..., {}, :";
        NDArray a = x.get(new NDIndex(selector, taps.lo()));
        NDArray b = x.get(new NDIndex(selector, taps.hi()));
        return a.mul(w0).add(b.mul(w1));
    }

    /**
     * Where each output position of one axis reads its two input positions, as {@code F.interpolate(mode="bilinear",
     * align_corners=False)} places them: {@code src = max(0, (i + 0.5) * in / out - 0.5)}, {@code lo = floor(src)},
     * {@code hi = min(lo + 1, in - 1)}, {@code value = (1 - weightHi) * x[lo] + weightHi * x[hi]}.
     *
     * @param in input length
     * @param out output length
     * @return the taps of every output position
     */
    public static Taps taps(long in, long out) {
        float[] weightHi = new float[(int) out];
        long[] lo = new long[(int) out];
        long[] hi = new long[(int) out];
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double src = Math.max(0.0, scale * (i + 0.5) - 0.5);
            long i0 = Math.min((long) Math.floor(src), in - 1);
            lo[i] = i0;
            hi[i] = Math.min(i0 + 1, in - 1);
            weightHi[i] = (float) (src - i0);
        }
        return new Taps(lo, hi, weightHi);
    }

    /**
     * The two input positions and the weight of the second, per output position of one axis.
     *
     * @param lo first input position
     * @param hi second input position
     * @param weightHi weight of the second (the first has {@code 1 - weightHi})
     */
    public record Taps(long[] lo, long[] hi, float[] weightHi) {

        /**
         * The taps as arrays on the device of {@code like}, positions int64 and weights of its data type.
         *
         * @param like an array whose manager, device and data type the taps take
         * @return the arrays
         */
        public TapArrays arraysLike(NDArray like) {
            NDManager m = like.getManager();
            return new TapArrays(m.create(lo).toDevice(like.getDevice(), false),
                    m.create(hi).toDevice(like.getDevice(), false),
                    m.create(weightHi).toDevice(like.getDevice(), false).toType(like.getDataType(), false));
        }
    }

    /**
     * {@link Taps} as arrays, one entry per output position (or per selected position, {@link #at}).
     *
     * @param lo first input position
     * @param hi second input position
     * @param weightHi weight of the second
     */
    public record TapArrays(NDArray lo, NDArray hi, NDArray weightHi) {

        /**
         * The taps of the given output positions.
         *
         * @param positions int64 output positions
         * @return their taps
         */
        public TapArrays at(NDArray positions) {
            return new TapArrays(lo.get(positions), hi.get(positions), weightHi.get(positions));
        }
    }
}
