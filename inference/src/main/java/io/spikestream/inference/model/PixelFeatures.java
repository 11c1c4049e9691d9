package io.spikestream.inference.model;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Output of the pixel decoder.
 *
 * @param maskFeatures per-pixel embeddings {@code (B, D, H/2, W/2)}, real-valued
 * @param memories decoder memories at strides 16, 8 and 4, each {@code (B, D, h, w)}, real-valued
 */
public record PixelFeatures(NDArray maskFeatures, List<NDArray> memories) {}
