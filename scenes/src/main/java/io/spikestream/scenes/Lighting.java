package io.spikestream.scenes;

/** Lighting of a clip. */
public enum Lighting {
    /** Sunny day: bright, warm, side-lit facades. */
    DAY,
    /** Overcast day: flat, grey light. */
    OVERCAST,
    /** Dusk: dark, orange sky, vehicle lights on. */
    DUSK
}
