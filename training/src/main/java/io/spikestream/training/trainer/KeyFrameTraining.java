package io.spikestream.training.trainer;

import io.spikestream.inference.model.keyframe.KeyFrameSettings;

/**
 * Training for {@code keyframe} mode: each clip's first frame is a key frame, its later frames reuse the key frame's
 * context ({@code KeyFrameNetwork}), and every frame's loss backpropagates through the context into the key frame.
 *
 * @param maxFrameStep the frames of a clip are {@code s} rendered frames apart, {@code s} drawn from
 *     {@code 1..maxFrameStep} per clip, so that the weights see the staleness of lower frame rates and longer
 *     intervals
 * @param inference the key-frame settings the weights are saved with, for {@code infer} to use
 */
public record KeyFrameTraining(int maxFrameStep, KeyFrameSettings inference) {

    /** Validates. */
    public KeyFrameTraining {
        if (maxFrameStep < 1) {
            throw new IllegalArgumentException("the largest frame step must be at least 1, got " + maxFrameStep);
        }
        if (inference == null) {
            throw new IllegalArgumentException("key-frame settings to save with the weights are required");
        }
    }
}
