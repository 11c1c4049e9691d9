package io.spikestream.app;

import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import io.spikestream.inference.runtime.StreamingDefaults;
import picocli.CommandLine.Option;

/** The key-frame flags of every command that can run {@code state.mode=keyframe}; unset flags take the weights'. */
final class KeyFrameOptions {

    @Option(names = "--key-interval", description = "keyframe mode: a key frame at least every N frames of a camera"
            + " (default: the weights' keyframe.interval, else " + KeyFrameSettings.DEFAULT_INTERVAL + ")")
    Integer interval;

    @Option(names = "--adaptive-change", description = "keyframe mode: also a key frame when the 8x8-block means"
            + " differ from the key frame's by more than this many grey levels on average; 0 = off (default: the"
            + " weights' keyframe.adaptive.change, else 0)")
    Double adaptiveChange;

    /**
     * The settings: the flags given, else those stored with the weights, else the defaults.
     *
     * @param stored what the weights store, or null
     * @throws IllegalArgumentException for a flag out of range
     */
    KeyFrameSettings settings(StreamingDefaults stored) {
        return StreamingDefaults.keyFramesOf(stored).overriddenBy(interval, adaptiveChange);
    }
}
