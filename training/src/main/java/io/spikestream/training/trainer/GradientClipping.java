package io.spikestream.training.trainer;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Global L2-norm gradient clipping as {@code torch.nn.utils.clip_grad_norm_} (mmengine {@code clip_grad=dict(
 * max_norm=0.01, norm_type=2)}, {@code SDTv2_maskformer_DCNPixelDecoder_CityScapes.py:153}):
 *
 * <pre>
 *   n = sqrt(sum_p ||g_p||^2);   g_p = g_p min(1, maxNorm / (n + 1e-6))
 * </pre>
 *
 * DJL's {@code clipGrad} clamps element-wise only, hence this class.
 */
public final class GradientClipping {

    private GradientClipping() {}

    /**
     * The global norm of some gradients.
     *
     * @param gradients one array per parameter
     * @return {@code sqrt(sum ||g||^2)}
     */
    public static double globalNorm(List<NDArray> gradients) {
        double sum = 0;
        for (NDArray g : gradients) {
            sum += g.square().sum().getFloat();
        }
        return Math.sqrt(sum);
    }

    /**
     * Names the parameters whose gradient holds NaN or infinity (the last few in model order, where the
     * backward pass met the problem first), for the log of a skipped
     * update. The norm alone cannot tell an overflowing layer from a squared sum that overflows float32.
     *
     * @param gradients one array per parameter
     * @param names their paths, same order
     * @return e.g. {@code "non-finite gradients in 3 of 412 parameters, the last in model order ...: a, b, c"}
     */
    public static String describeNonFinite(List<NDArray> gradients, List<String> names) {
        List<String> bad = new java.util.ArrayList<>();
        for (int i = 0; i < gradients.size(); i++) {
            NDArray g = gradients.get(i);
            if (g.isNaN().any().getBoolean() || g.isInfinite().any().getBoolean()) {
                bad.add(names.get(i));
            }
        }
        if (bad.isEmpty()) {
            return "every gradient is finite: the squared sum overflowed (largest |g| "
                    + largest(gradients) + ")";
        }
        String last = String.join(", ", bad.subList(Math.max(0, bad.size() - 4), bad.size()));
        return "non-finite gradients in " + bad.size() + " of " + gradients.size() + " parameters, the last in"
                + " model order (nearest the loss): " + last;
    }

    /**
     * Names the parameters with the largest gradient norms, for the log of a skipped spike.
     *
     * @param gradients one array per parameter
     * @param names their paths, same order
     * @return e.g. {@code "largest gradient norms: a 3.1e+12, b 2.0e+09, c 5.5e+03"}
     */
    public static String describeLargest(List<NDArray> gradients, List<String> names) {
        double[] norms = new double[gradients.size()];
        for (int i = 0; i < norms.length; i++) {
            norms[i] = Math.sqrt(gradients.get(i).square().sum().getFloat());
        }
        return "largest gradient norms: " + java.util.stream.IntStream.range(0, norms.length).boxed()
                .sorted((a, b) -> Double.compare(norms[b], norms[a])).limit(3)
                .map(i -> String.format(java.util.Locale.ROOT, "%s %.2g", names.get(i), norms[i]))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static float largest(List<NDArray> gradients) {
        float max = 0;
        for (NDArray g : gradients) {
            max = Math.max(max, g.abs().max().getFloat());
        }
        return max;
    }

    /**
     * Scales gradients in place so that their global norm is at most {@code maxNorm}.
     *
     * @param gradients one array per parameter
     * @param maxNorm the bound; {@code <= 0} disables clipping
     * @return the norm before clipping
     */
    public static double clip(List<NDArray> gradients, double maxNorm) {
        double norm = globalNorm(gradients);
        if (maxNorm > 0) {
            double coef = maxNorm / (norm + 1e-6);
            if (coef < 1) {
                for (NDArray g : gradients) {
                    g.muli(coef);
                }
            }
        }
        return norm;
    }
}
