package io.spikestream.inference.runtime;

import java.util.Arrays;
import java.util.Locale;

/** What the streaming runtime keeps per camera between frames ({@code state.mode}). */
public enum StateMode {
    /** Nothing: every frame is a full pass from fresh membrane state, as in the paper. */
    RESET,
    /**
     * Change-driven inference: each camera keeps a {@code DeltaCache} (the reference input and every stage's
     * output) and a frame recomputes only what changed since.
     */
    DELTA,
    /**
     * For moving cameras: each camera keeps a key frame's context (the deep and global part of the network) and
     * the frames between key frames recompute only the finest levels ({@code KeyFrameNetwork}). Needs weights
     * trained for it (docs/training.md).
     */
    KEYFRAME;

    /** Whether the mode keeps a {@code DeltaCache} per camera. */
    public boolean cached() {
        return this != RESET;
    }

    /** The setting's value, e.g. {@code delta}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode of a setting value.
     *
     * @param name {@code reset} or {@code delta}
     * @return the mode
     * @throws IllegalArgumentException naming the allowed values
     */
    public static StateMode of(String name) {
        return Arrays.stream(values()).filter(m -> m.configName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown state mode '" + name + "'; use one of "
                        + String.join(", ", names())));
    }

    /** The setting values, in declaration order. */
    public static String[] names() {
        return Arrays.stream(values()).map(StateMode::configName).toArray(String[]::new);
    }
}
