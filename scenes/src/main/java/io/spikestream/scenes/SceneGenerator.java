package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;

/**
 * Procedural Cityscapes-style driving video with exact per-pixel ground truth.
 *
 * <p>A clip is a forward drive along an urban road seen from a windshield camera (focal length
 * {@code 1.1 * min(width, 2 height)} px, horizon at 40..47% of the height, camera 1.2..1.45 m high). The
 * seed fixes everything: road layout and curvature, lots (buildings with windows, parks with fences or hedges,
 * walled gardens, cross streets), street furniture (lamps, signs, traffic lights), pedestrians, riders and
 * traffic, lighting ({@link Lighting}) and weather ({@link Weather}). Frames are rendered with Java2D on the
 * CPU from the same shapes into the image (antialiased) and the label map (not antialiased), back to front.
 *
 * <p>Labels are Cityscapes trainIds (see {@link Cityscapes}). Every pixel has a class except the ego
 * vehicle's hood at the bottom of about half of the clips, which is {@link Cityscapes#IGNORE} as in
 * Cityscapes; there are no ignored borders. Thin objects narrower than a pixel are labelled where they cover
 * a pixel's centre, while the image shows them faintly antialiased.
 *
 * <p>The camera is a {@link CameraKind#DRIVING driving} one by default. A {@link CameraKind#FIXED fixed} camera
 * ({@link Builder#optCamera}) is a parked car's dashboard camera at the same viewpoint: the street stands still
 * while traffic, cyclists and pedestrians move through it, so most of the image changes only by sensor noise
 * and a slight lighting flicker; for benchmarking change-driven inference.
 *
 * <p>Rendering is deterministic: the same settings give identical pixels and labels on any thread or machine
 * (integer and {@code StrictMath} arithmetic, Java2D's software rasteriser). Instances are immutable and
 * {@link #render} is thread-safe.
 */
public final class SceneGenerator {

    public static final int DEFAULT_WIDTH = 1024;
    public static final int DEFAULT_HEIGHT = 512;
    /** Frames per clip, as a Cityscapes {@code leftImg8bit_sequence} snippet. */
    public static final int DEFAULT_FRAMES = 30;
    /** Frame rate of the Cityscapes sequences (30 frames in 1.8 s). */
    public static final double DEFAULT_FRAME_RATE = 17;

    private final long seed;
    private final int width;
    private final int height;
    private final int frames;
    private final double frameRate;
    private final CameraKind camera;
    private final World world;
    private final FrameRenderer renderer;

    private SceneGenerator(Builder builder) {
        seed = builder.seed;
        width = builder.width;
        height = builder.height;
        frames = builder.frames;
        frameRate = builder.frameRate;
        camera = builder.camera;
        world = new World(seed, frames / frameRate, builder.lighting, builder.weather, camera);
        renderer = new FrameRenderer(world, seed, width, height, builder.sensorEffects);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Renders frame {@code index} at time {@code index / frameRate} seconds.
     *
     * @throws IllegalArgumentException when {@code index} is not in {@code 0..frames-1}
     */
    public SceneFrame render(int index) {
        if (index < 0 || index >= frames) {
            throw new IllegalArgumentException("frame index must be in 0.." + (frames - 1) + ", got " + index);
        }
        return renderer.render(index, index / frameRate);
    }

    /** @return a new stream over this clip's frames, rendered one at a time on demand */
    public SceneClip clip() {
        return new SceneClip(this);
    }

    public long seed() {
        return seed;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int frames() {
        return frames;
    }

    public double frameRate() {
        return frameRate;
    }

    /** @return how the camera moves: {@link CameraKind#DRIVING} unless set */
    public CameraKind cameraKind() {
        return camera;
    }

    /** @return the clip's lighting (chosen from the seed unless set) */
    public Lighting lighting() {
        return world.style.lighting;
    }

    /** @return the clip's weather (chosen from the seed unless set) */
    public Weather weather() {
        return world.style.weather;
    }

    /** @return the camera's forward speed in m/s (0 for a fixed camera) */
    public double egoSpeed() {
        return world.egoSpeed;
    }

    /** Builder: {@code setSeed} is required; sizes default to 1024x512, 30 frames at 17 Hz, a driving camera. */
    public static final class Builder {

        private Long seedValue;
        private long seed;
        private int width = DEFAULT_WIDTH;
        private int height = DEFAULT_HEIGHT;
        private int frames = DEFAULT_FRAMES;
        private double frameRate = DEFAULT_FRAME_RATE;
        private Lighting lighting;
        private Weather weather;
        private CameraKind camera = CameraKind.DRIVING;
        private boolean sensorEffects = true;

        private Builder() {
        }

        public Builder setSeed(long seed) {
            this.seedValue = seed;
            this.seed = seed;
            return this;
        }

        /** @param width at least 128 @param height at least 64 */
        public Builder optSize(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        public Builder optFrames(int frames) {
            this.frames = frames;
            return this;
        }

        public Builder optFrameRate(double frameRate) {
            this.frameRate = frameRate;
            return this;
        }

        /** Forces the lighting instead of drawing it from the seed. */
        public Builder optLighting(Lighting lighting) {
            this.lighting = lighting;
            return this;
        }

        /** Forces the weather instead of drawing it from the seed. */
        public Builder optWeather(Weather weather) {
            this.weather = weather;
            return this;
        }

        /** Sets how the camera moves (default {@link CameraKind#DRIVING}). */
        public Builder optCamera(CameraKind camera) {
            this.camera = camera;
            return this;
        }

        /** Switches sensor noise and lighting flicker off, so that only the scene's own changes remain. */
        Builder withoutSensorEffects() {
            this.sensorEffects = false;
            return this;
        }

        public SceneGenerator build() {
            if (camera == null) {
                throw new IllegalArgumentException("camera kind must not be null; allowed values: "
                    + CameraKind.allowedValues());
            }
            if (seedValue == null) {
                throw new IllegalArgumentException("seed is required: call setSeed(long)");
            }
            if (width < 128 || height < 64) {
                throw new IllegalArgumentException("size must be at least 128x64, got " + width + "x" + height);
            }
            if (frames < 1) {
                throw new IllegalArgumentException("frames must be at least 1, got " + frames);
            }
            if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
                throw new IllegalArgumentException("frame rate must be positive and finite, got " + frameRate);
            }
            return new SceneGenerator(this);
        }
    }
}
