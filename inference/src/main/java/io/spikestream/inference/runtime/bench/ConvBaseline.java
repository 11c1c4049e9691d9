package io.spikestream.inference.runtime.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The reference rate of this machine: libtorch's 3x3 convolution, 64 to 64 channels on a
 * {@code 1x64x128x256} input, in inference. The model benchmark is compared against it.
 */
public final class ConvBaseline {

    /** Input channels, output channels, height and width of the reference convolution. */
    private static final long C = 64;
    private static final long H = 128;
    private static final long W = 256;

    private ConvBaseline() {}

    /** Floating-point operations of one reference convolution (2 per multiply-accumulate). */
    public static double flops() {
        return 2.0 * C * C * 9 * H * W;
    }

    /**
     * Runs the reference convolution.
     *
     * @param device where to run
     * @param warmups untimed runs
     * @param runs timed runs
     * @return the timings
     */
    public static Timings run(Device device, int warmups, int runs) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDArray x = m.randomUniform(0, 1, new Shape(1, C, H, W));
            NDArray w = m.randomNormal(0, 0.05f, new Shape(C, C, 3, 3), ai.djl.ndarray.types.DataType.FLOAT32);
            return Timings.measure(warmups, runs, () -> {
                try (NDManager scope = m.newSubManager()) {
                    NDArray y = Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
                    y.attach(scope);
                    y.getFloat(0, 0, 0, 0);
                }
            });
        }
    }

}
