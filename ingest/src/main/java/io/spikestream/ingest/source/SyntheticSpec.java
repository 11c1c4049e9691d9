package io.spikestream.ingest.source;

import io.spikestream.scenes.CameraKind;
import io.spikestream.scenes.SceneGenerator;
import java.util.Locale;

/**
 * The settings of a {@link SyntheticSource}, written as {@code synthetic:key=value,...}, e.g.
 * {@code synthetic:seed=7,frames=30,width=512,height=256}. Keys (all optional):
 *
 * <ul>
 *   <li>{@code seed}: seed of the first clip (default 0); clip {@code k} uses {@code seed + k};
 *   <li>{@code frames}: frames in total (default {@value SceneGenerator#DEFAULT_FRAMES}; {@code 0} = endless);
 *   <li>{@code width}, {@code height}: frame size (default 1024x512, at least 128x64);
 *   <li>{@code clip}: frames per clip (default {@value SceneGenerator#DEFAULT_FRAMES}, a Cityscapes snippet);
 *   <li>{@code camera}: {@code driving} (default, a windshield camera driving along the road) or {@code fixed}
 *       (a parked dashboard camera: static street, passing traffic and pedestrians; see {@link CameraKind}).
 * </ul>
 *
 * @param seed seed of the first clip
 * @param frames total frames, 0 for endless
 * @param width frame width
 * @param height frame height
 * @param clipFrames frames per clip
 * @param camera how the camera moves
 */
public record SyntheticSpec(long seed, long frames, int width, int height, int clipFrames, CameraKind camera) {

    /** URI scheme of synthetic sources. */
    public static final String SCHEME = "synthetic:";

    static final String KEYS = "seed, frames, width, height, clip, camera";

    public SyntheticSpec {
        if (camera == null) {
            throw new IllegalArgumentException("synthetic camera must be one of " + CameraKind.allowedValues());
        }
        if (frames < 0) {
            throw new IllegalArgumentException("synthetic frames must be >= 0 (0 = endless), got " + frames);
        }
        if (width < 128 || height < 64) {
            throw new IllegalArgumentException("synthetic frame size must be at least 128x64, got " + width + "x"
                    + height);
        }
        if (clipFrames < 1) {
            throw new IllegalArgumentException("synthetic clip must have at least 1 frame, got " + clipFrames);
        }
    }

    /** A spec of driving clips. */
    public SyntheticSpec(long seed, long frames, int width, int height, int clipFrames) {
        this(seed, frames, width, height, clipFrames, CameraKind.DRIVING);
    }

    /** Whether {@code input} starts with {@value #SCHEME} (case-insensitive). */
    public static boolean matches(String input) {
        return input != null && input.strip().regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Parses {@code synthetic:key=value,...}.
     *
     * @throws IllegalArgumentException naming the bad key or value and the accepted keys
     */
    public static SyntheticSpec parse(String input) {
        if (!matches(input)) {
            throw new IllegalArgumentException("Not a synthetic source '" + input + "'; expected "
                    + "synthetic:seed=7,frames=30,width=512,height=256");
        }
        Builder b = new Builder();
        String body = input.strip().substring(SCHEME.length()).strip();
        for (String pair : body.isEmpty() ? new String[0] : body.split(",")) {
            b.set(input, pair.strip());
        }
        return b.build();
    }

    /** Name stamped on frames when none is configured: {@code synthetic-<seed>}, {@code synthetic-fixed-<seed>}. */
    public String defaultName() {
        return camera == CameraKind.DRIVING ? "synthetic-" + seed : "synthetic-" + camera.label() + "-" + seed;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "synthetic:seed=%d,frames=%d,width=%d,height=%d,clip=%d,camera=%s", seed,
                frames, width, height, clipFrames, camera.label());
    }

    private static final class Builder {
        private long seed;
        private long frames = SceneGenerator.DEFAULT_FRAMES;
        private int width = SceneGenerator.DEFAULT_WIDTH;
        private int height = SceneGenerator.DEFAULT_HEIGHT;
        private int clip = SceneGenerator.DEFAULT_FRAMES;
        private CameraKind camera = CameraKind.DRIVING;

        void set(String input, String pair) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : pair.substring(eq + 1).strip();
            try {
                switch (key) {
                    case "seed" -> seed = Long.parseLong(value);
                    case "frames" -> frames = Long.parseLong(value);
                    case "width" -> width = Integer.parseInt(value);
                    case "height" -> height = Integer.parseInt(value);
                    case "clip" -> clip = Integer.parseInt(value);
                    case "camera" -> camera = camera(input, value);
                    default -> throw new IllegalArgumentException("Unknown key '" + key + "' in synthetic source '"
                            + input + "'; expected key=value pairs with keys " + KEYS);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad number '" + value + "' for " + key + " in synthetic source '"
                        + input + "'", e);
            }
        }

        private static CameraKind camera(String input, String value) {
            try {
                return CameraKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Bad camera '" + value + "' in synthetic source '" + input
                        + "'; allowed values: " + CameraKind.allowedValues(), e);
            }
        }

        SyntheticSpec build() {
            return new SyntheticSpec(seed, frames, width, height, clip, camera);
        }
    }
}
