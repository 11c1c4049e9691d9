package io.spikestream.training.trainer;

/**
 * The official learning-rate schedule ({@code SDTv2_maskformer_DCNPixelDecoder_CityScapes.py:156-167}), in
 * mmengine's closed forms, as a factor of the base learning rate at iteration {@code t} (0-based):
 *
 * <pre>
 *   t &lt; W:           start + (1 - start) t / W                                 LinearLR(start_factor=1e-6, end=W)
 *   W &lt;= t &lt; E:      (1 - (t - W) / (E - W))^power                              PolyLR(eta_min=0, begin=W, end=E)
 *   t &gt;= E:          0
 * </pre>
 *
 * <p>The official Cityscapes config ends the poly decay at {@code E = 160000} while training stops at
 * 90000 iterations, so its learning rate never reaches 0; here {@code E} defaults to the run's length.
 *
 * @param warmupIterations W (1500 in the code)
 * @param startFactor the warm-up's first factor (1e-6)
 * @param polyEnd E, where the factor reaches 0
 * @param power the poly exponent (1.0)
 */
public record LrSchedule(int warmupIterations, double startFactor, int polyEnd, double power) {

    public LrSchedule {
        if (warmupIterations < 0 || polyEnd <= warmupIterations || startFactor <= 0 || startFactor > 1 || power <= 0) {
            throw new IllegalArgumentException("LR schedule needs 0 <= warm-up < poly end, start factor in (0, 1]"
                    + " and power > 0, got warm-up " + warmupIterations + ", end " + polyEnd);
        }
    }

    /** @return the factor applied to the base learning rate at iteration {@code t} */
    public double factor(long t) {
        if (t < warmupIterations) {
            return startFactor + (1 - startFactor) * t / warmupIterations;
        }
        if (t >= polyEnd) {
            return 0;
        }
        return Math.pow(1 - (double) (t - warmupIterations) / (polyEnd - warmupIterations), power);
    }
}
