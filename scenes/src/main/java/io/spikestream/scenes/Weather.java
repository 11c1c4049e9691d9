package io.spikestream.scenes;

/** Weather of a clip; it sets the visibility (fog by depth) and rain streaks. */
public enum Weather {
    /** Clear air (visibility about 2 km). */
    CLEAR,
    /** Light haze (visibility 250..450 m). */
    HAZE,
    /** Fog (visibility 90..150 m). */
    FOG,
    /** Rain: haze, darker light, wet road, rain streaks. */
    RAIN
}
