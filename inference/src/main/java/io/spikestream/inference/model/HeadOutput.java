package io.spikestream.inference.model;

import ai.djl.ndarray.NDArray;

/**
 * Predictions of the mask-classification head.
 *
 * @param classLogits {@code (B, L, Q, K + 1)}; the last column is "no object"
 * @param maskLogits {@code (B, L, Q, H/2, W/2)}
 *     <p>L is the number of decoder predictions returned: all {@code decoderLayers + 1} when deep
 *     supervision is requested (training), otherwise 1 (the last layer).
 */
public record HeadOutput(NDArray classLogits, NDArray maskLogits) {}
