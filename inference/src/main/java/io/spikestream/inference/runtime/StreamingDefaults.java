package io.spikestream.inference.runtime;

import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The membrane-state mode that weights were trained for, stored beside them in their {@code .properties}
 * ({@code state.mode}, {@code keyframe.interval}, {@code keyframe.adaptive.change}, the configuration's keys), so
 * that {@code infer}, {@code demo} and {@code bench stream} use it unless told otherwise.
 *
 * @param mode the mode
 * @param keyFrames key-frame settings (used in {@link StateMode#KEYFRAME})
 */
public record StreamingDefaults(StateMode mode, KeyFrameSettings keyFrames) {

    /** Property and configuration key of the mode. */
    public static final String MODE_KEY = "state.mode";
    /** The mode of weights that store none (a constant so that help texts can name it). */
    public static final String FALLBACK_MODE = "delta";
    /** Property and configuration key of the key-frame interval. */
    public static final String INTERVAL_KEY = "keyframe.interval";
    /** Property and configuration key of the adaptive trigger. */
    public static final String ADAPTIVE_KEY = "keyframe.adaptive.change";

    /** Checks for nulls. */
    public StreamingDefaults {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(keyFrames, "keyFrames");
    }

    /**
     * The defaults stored in a weights file's properties.
     *
     * @param p the properties
     * @param source named in errors
     * @return empty when the weights name no mode
     * @throws IllegalArgumentException naming the bad value and the file
     */
    public static Optional<StreamingDefaults> from(Properties p, String source) {
        String mode = p.getProperty(MODE_KEY);
        if (mode == null) {
            return Optional.empty();
        }
        try {
            KeyFrameSettings k = new KeyFrameSettings(
                    Integer.parseInt(p.getProperty(INTERVAL_KEY, Integer.toString(KeyFrameSettings.DEFAULT_INTERVAL)).trim()),
                    Double.parseDouble(p.getProperty(ADAPTIVE_KEY, "0").trim()));
            return Optional.of(new StreamingDefaults(StateMode.of(mode.trim()), k));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Bad streaming defaults in " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The mode given, else the one stored with the weights, else {@value #FALLBACK_MODE}.
     *
     * @param given a mode's setting value, or null
     * @param stored what the weights store, or null
     * @throws IllegalArgumentException for an unknown mode name, naming the allowed ones
     */
    public static StateMode modeOf(String given, StreamingDefaults stored) {
        return given != null ? StateMode.of(given) : stored != null ? stored.mode() : StateMode.of(FALLBACK_MODE);
    }

    /** The key-frame settings stored with weights, or the defaults for weights that store none ({@code null}). */
    public static KeyFrameSettings keyFramesOf(StreamingDefaults stored) {
        return stored != null ? stored.keyFrames() : KeyFrameSettings.DEFAULT;
    }

    /** Writes the defaults into properties. */
    public void writeTo(Properties p) {
        p.setProperty(MODE_KEY, mode.configName());
        p.setProperty(INTERVAL_KEY, Integer.toString(keyFrames.interval()));
        double a = keyFrames.adaptiveChange();
        p.setProperty(ADAPTIVE_KEY, a == Math.rint(a) ? Long.toString((long) a) : Double.toString(a));
    }
}
