package io.spikestream.inference.model.ops;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
        NDArray u = off.get("..., 0").add(kxy[0]).mul(offsetScale).add(j);
        NDArray v = off.get("..., 1").add(kxy[1]).mul(offsetScale).add(i);
        NDArray[] corners = corners(u, v, h, w);
        NDArray weights = corners[2].mul(mask.reshape(b, h, w, groups, points, 1));
        NDArray rows = flatIndex(x, corners[0], corners[1], groups);
        NDArray table = x.reshape(b * h * w * groups, c / groups);
        NDArray picked = table.get(new NDIndex("{}", rows.flatten()));
        long n = b * h * w * groups;
        long taps = (long) points * CORNERS;
        NDArray out = weights.reshape(n, 1, taps).matMul(picked.reshape(n, taps, c / groups));
        return out.reshape(b, h, w, c);
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
     * The four bilinear neighbours of each sample.
     *
     * @return row indices and column indices (clamped into the map, INT64) and their weights, the weight
     *     zero where the neighbour lies outside; each {@code (B, H, W, G, P, 4)}
     */
    private static NDArray[] corners(NDArray u, NDArray v, long h, long w) {
        NDArray x0 = u.floor().stopGradient();
        NDArray y0 = v.floor().stopGradient();
        NDArray lx = u.sub(x0);
        NDArray ly = v.sub(y0);
        NDArray cols = NDArrays.stack(new NDList(x0, x0.add(1), x0, x0.add(1)), -1);
        NDArray rows = NDArrays.stack(new NDList(y0, y0, y0.add(1), y0.add(1)), -1);
        NDArray wx = NDArrays.stack(new NDList(lx.neg().add(1), lx, lx.neg().add(1), lx), -1);
        NDArray wy = NDArrays.stack(new NDList(ly.neg().add(1), ly.neg().add(1), ly, ly), -1);
        NDArray inside = rows.gte(0).logicalAnd(rows.lte(h - 1)).logicalAnd(cols.gte(0)).logicalAnd(cols.lte(w - 1));
        NDArray weight = wx.mul(wy).mul(inside.toType(u.getDataType(), false));
        NDArray r = rows.clip(0, h - 1).toType(DataType.INT64, false);
        NDArray c = cols.clip(0, w - 1).toType(DataType.INT64, false);
        return new NDArray[] {r, c, weight};
    }

    /** Row of {@code x.reshape(B * H * W * G, C / G)} holding pixel (row, col) of group g, same shape as row. */
    private static NDArray flatIndex(NDArray x, NDArray row, NDArray col, int groups) {
        Shape s = x.getShape();
        NDArray batch = axisRamp(x, s.get(0), 5);
        NDArray group = axisRamp(x, groups, 2);
        return batch.mul(s.get(1)).add(row).mul(s.get(2)).add(col).mul(groups).add(group);
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
