package io.spikestream.inference.model.ops;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.nn.Scalars;
import java.util.Arrays;

/**
 * The DCNv3 sampling core as Spike2Former runs it (the pure-PyTorch {@code dcnv3_core_pytorch} of
 * InternImage, stride 1, dilation 1, padding {@code (K - 1) / 2}), built from gathers so it runs on any
 * device and carries gradients to the input, the offsets and the mask.
 *
 * <p>For output pixel {@code (i, j)}, group {@code g} and point {@code p}:
 *
 * <pre>
 *   dx_p = p / K - (K - 1) / 2        dy_p = p % K - (K - 1) / 2      (x varies slowest)
 *   u    = j + s * (dx_p + offset[i, j, 2 * (g * K * K + p)])          (pixels)
 *   v    = i + s * (dy_p + offset[i, j, 2 * (g * K * K + p) + 1])
 *   y[i, j, g * Cg + c] = sum_p mask[i, j, g * K * K + p] * bilinear(x[:, :, g * Cg + c], v, u)
 * </pre>
 *
 * with {@code s} the offset scale, {@code Cg = C / G}, bilinear weights on the four neighbours and zero
 * outside the map. The official core zero-pads by {@code (K - 1) / 2}, normalises reference points,
 * kernel grid and offsets by the padded size and calls
 * {@code F.grid_sample(bilinear, padding_mode="zeros", align_corners=False)}; mapping its grid back to
 * pixels gives exactly the coordinates above (the padding ring and grid_sample's zeros are both zero),
 * so the results agree up to float rounding of the normalisation. The mask is used as given: Spike2Former
 * feeds spikes, with no softmax.
 */
public final class DeformableSampling {

    private static final int CORNERS = 4;

    private DeformableSampling() {}

    /**
     * Samples and aggregates.
     *
     * @param x values {@code (B, H, W, C)}, channels-last
     * @param offset offsets in pixels {@code (B, H, W, 2 * G * K * K)}: (dx, dy) pairs, group-major then point
     * @param mask point weights {@code (B, H, W, G * K * K)}, group-major then point
     * @param groups G, which must divide C
     * @param kernel K, odd
     * @param offsetScale s, which scales both the kernel grid and the offsets (official: 1)
     * @return aggregated values {@code (B, H, W, C)}
     */
    public static NDArray sample(NDArray x, NDArray offset, NDArray mask, int groups, int kernel,
            float offsetScale) {
        Shape s = x.getShape();
        check(s, offset.getShape(), mask.getShape(), groups, kernel);
        long b = s.get(0);
        long h = s.get(1);
        long w = s.get(2);
        long c = s.get(3);
        int points = kernel * kernel;
        NDArray off = offset.reshape(b, h, w, groups, points, 2);
        NDArray[] kxy = kernelGrid(x, kernel);
        // u, v: (B, H, W, G, P); column j lives on axis 2, row i on axis 1
        NDArray j = axisRamp(x, w, 2).toType(x.getDataType(), false);
        NDArray i = axisRamp(x, h, 3).toType(x.getDataType(), false);
        NDArray u = Scalars.mul(off.get("..., 0").add(kxy[0]), offsetScale).add(j);
        NDArray v = Scalars.mul(off.get("..., 1").add(kxy[1]), offsetScale).add(i);
        NDArray weighted = aggregate(x, u, v, mask.reshape(b, h, w, groups, points));
        return weighted.reshape(b, h, w, c);
    }

    /**
     * Bilinear sampling of {@code x} at (u, v), weighted by the mask and summed over the points.
     *
     * @param x values {@code (B, H, W, C)}
     * @param u sample columns {@code (B, H, W, G, P)}, pixels
     * @param v sample rows, same shape
     * @param mask point weights, same shape
     * @return {@code (B * H * W * G, 1, C / G)}
     */
    private static NDArray aggregate(NDArray x, NDArray u, NDArray v, NDArray mask) {
        Shape s = x.getShape();
        long w = s.get(2);
        long groups = u.getShape().get(3);
        NDArray[] cols = neighbours(u, w);
        NDArray[] rows = neighbours(v, s.get(1));
        // flat row of x.reshape(B * H * W * G, C / G) is ((b * H + row) * W + col) * G + g
        NDArray base = axisRamp(x, s.get(0), 4).mul(s.get(1) * w * groups).add(axisRamp(x, groups, 1));
        NDList index = new NDList(CORNERS);
        NDList weight = new NDList(CORNERS);
        for (int r = 0; r < 2; r++) {
            for (int q = 0; q < 2; q++) {
                index.add(rows[r].mul(w).add(cols[q]).mul(groups).add(base));
                weight.add(rows[2 + r].mul(cols[2 + q]).mul(mask));
            }
        }
        long n = s.get(0) * s.get(1) * w * groups;
        long taps = u.getShape().get(4) * CORNERS;
        NDArray table = x.reshape(n, s.get(3) / groups);
        NDArray picked = table.get(new NDIndex("{}", NDArrays.stack(index, -1).flatten()));
        return NDArrays.stack(weight, -1).reshape(n, 1, taps).matMul(picked.reshape(n, taps, -1));
    }

    /** Kernel grid {@code dx, dy}, each {@code (K * K)}, point {@code p = a * K + b}: dx from a, dy from b. */
    private static NDArray[] kernelGrid(NDArray x, int kernel) {
        int r = (kernel - 1) / 2;
        float[] dx = new float[kernel * kernel];
        float[] dy = new float[kernel * kernel];
        for (int p = 0; p < dx.length; p++) {
            dx[p] = p / kernel - r;
            dy[p] = p % kernel - r;
        }
        return new NDArray[] {constant(x, dx), constant(x, dy)};
    }

    /**
     * The two neighbours of fractional coordinates along one axis of length n.
     *
     * @return lower and upper index clamped into {@code [0, n)} (INT64), then their linear weights,
     *     zero where the neighbour lies outside; each shaped like {@code t}
     */
    private static NDArray[] neighbours(NDArray t, long n) {
        NDArray floor = t.floor().stopGradient();
        NDArray frac = t.sub(floor);
        // clamping first keeps the INT64 cast defined; -2 and n + 1 still have both neighbours outside
        NDArray lo = floor.clip(-2, n + 1).toType(DataType.INT64, false);
        NDArray hi = lo.add(1);
        NDArray wLo = frac.neg().add(1).mul(inside(lo, n, t.getDataType()));
        NDArray wHi = frac.mul(inside(hi, n, t.getDataType()));
        return new NDArray[] {lo.clip(0, n - 1), hi.clip(0, n - 1), wLo, wHi};
    }

    private static NDArray inside(NDArray index, long n, DataType type) {
        return index.gte(0).logicalAnd(index.lt(n)).toType(type, false);
    }

    /** {@code 0 .. n-1} (INT64) shaped to broadcast on the axis that has {@code trailing} axes after it. */
    private static NDArray axisRamp(NDArray x, long n, int trailing) {
        long[] shape = new long[trailing + 1];
        Arrays.fill(shape, 1);
        shape[0] = n;
        NDManager m = x.getManager();
        return m.arange(0, (int) n, 1, DataType.INT64).reshape(shape).toDevice(x.getDevice(), false);
    }

    private static NDArray constant(NDArray x, float[] values) {
        Device d = x.getDevice();
        return x.getManager().create(values).toDevice(d, false).toType(x.getDataType(), false);
    }

    private static void check(Shape x, Shape offset, Shape mask, int groups, int kernel) {
        if (x.dimension() != 4 || kernel < 1 || kernel % 2 == 0 || groups < 1 || x.get(3) % groups != 0) {
            throw new IllegalArgumentException("Deformable sampling needs x (B, H, W, C) with C divisible by"
                    + " groups and an odd kernel; got x " + x + ", groups " + groups + ", kernel " + kernel);
        }
        long points = (long) groups * kernel * kernel;
        Shape pixels = x.slice(0, 3);
        if (!offset.equals(pixels.addAll(new Shape(2 * points))) || !mask.equals(pixels.addAll(new Shape(points)))) {
            throw new IllegalArgumentException("Deformable sampling with x " + x + ", " + groups + " groups and a "
                    + kernel + "x" + kernel + " kernel needs offset " + pixels.addAll(new Shape(2 * points))
                    + " and mask " + pixels.addAll(new Shape(points)) + "; got " + offset + " and " + mask);
        }
    }
}
