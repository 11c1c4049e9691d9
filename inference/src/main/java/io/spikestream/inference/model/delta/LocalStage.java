package io.spikestream.inference.model.delta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.spikestream.inference.model.nn.SpikeContext;

/**
 * A part of the network that {@link RegionRunner} can run on part of a map: its output at a pixel depends only on
 * its inputs within {@code radius} pixels, so a rectangle of output follows from a window of input {@code radius}
 * pixels larger on each side.
 *
 * <p>Sizes are counted on the stage's grid: its inputs have {@code inStride} pixels per grid pixel (2 for a
 * stride-2 convolution, whose grid is its output) and its output {@code outStride} (2 for a stage that
 * enlarges). A {@link #global} stage has no bounded reach: it runs dense whenever any input changed.
 *
 * @param name the name under which its recomputed share is reported
 * @param radius reach in grid pixels; the stage must also compute correctly at the image border of a
 *     window that starts there, which holds for convolutions with zero padding and for bilinear resizing
 * @param inStride input pixels per grid pixel
 * @param outStride output pixels per grid pixel
 * @param global true for a stage that sees every input position (attention, deformable sampling)
 * @param compares whether its output is worth comparing with the cache before passing changes on: true for a
 *     stage that sees its inputs only through spikes (a downsampling {@code BN(conv(SN(x)))}), whose output keeps
 *     still where no spike flipped; false for a residual stream {@code x + f(x)}, which changes wherever its input
 *     did
 * @param body computes the stage on a batch of windows or on whole maps
 */
public record LocalStage(String name, int radius, int inStride, int outStride, boolean global, boolean compares,
        Body body) {

    /** A stage's computation. */
    @FunctionalInterface
    public interface Body {

        /**
         * Computes the stage.
         *
         * @param ctx the pass context
         * @param inputs the stage's inputs, each {@code (N, C_i, h, w)}: windows or whole maps
         * @param items for each of the N rows, the batch item (camera) it belongs to, INT64 {@code (N)}
         * @return the output {@code (N, C, h * outStride / inStride, w * outStride / inStride)}
         */
        NDArray apply(SpikeContext ctx, NDList inputs, NDArray items);
    }

    /** A same-resolution local stage. */
    public static LocalStage local(String name, int radius, Body body) {
        return new LocalStage(name, radius, 1, 1, false, false, body);
    }

    /** A stride-2 stage (a downsampling convolution of spikes), on the grid of its output. */
    public static LocalStage strided(String name, int radius, Body body) {
        return new LocalStage(name, radius, 2, 1, false, true, body);
    }

    /** A stage that sees the whole map. */
    public static LocalStage global(String name, Body body) {
        return new LocalStage(name, 0, 1, 1, true, true, body);
    }
}
