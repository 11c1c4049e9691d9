package io.spikestream.scenes;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the camera of a synthetic clip moves. Both kinds share the viewpoint (camera height, focal length,
 * horizon), so weights trained on one apply to the other.
 */
public enum CameraKind {

    /**
     * A windshield camera driving forward along the road: ego-motion, road bumps, a slight motion blur and
     * sensor noise. The default.
     */
    DRIVING,

    /**
     * A parked car's dashboard camera at the right curb: the street is static while cars drive by in both
     * directions, cyclists pass and pedestrians walk; the image also varies by sensor noise and a slight
     * global lighting flicker from frame to frame.
     */
    FIXED;

    /** @return the lower-case name used in specs and on the command line: {@code driving} or {@code fixed} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code driving} or {@code fixed}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the allowed values when {@code text} is none of them
     */
    public static CameraKind parse(String text) {
        String key = text == null ? "" : text.strip();
        for (CameraKind kind : values()) {
            if (kind.label().equalsIgnoreCase(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown scene camera '" + text + "'; allowed values: " + allowedValues());
    }

    /** @return the allowed values for {@link #parse}, e.g. {@code "driving, fixed"} */
    public static String allowedValues() {
        return Arrays.stream(values()).map(CameraKind::label).collect(Collectors.joining(", "));
    }
}
