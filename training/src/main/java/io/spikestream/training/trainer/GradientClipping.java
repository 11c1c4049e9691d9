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
