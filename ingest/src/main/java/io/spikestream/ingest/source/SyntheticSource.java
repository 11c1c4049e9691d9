package io.spikestream.ingest.source;

import io.spikestream.ingest.image.RgbImages;
import io.spikestream.scenes.SceneFrame;
import io.spikestream.scenes.SceneGenerator;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Synthetic Cityscapes-style street video from {@link SceneGenerator}, from a driving or a fixed camera
 * ({@link SyntheticSpec#camera()}), with the exact ground truth (trainIds 0-18, 255 = ignore) attached to every
 * frame. Needs no files, camera or data set: for demos, tests and benchmarks.
 *
 * <p>Frame {@code i} is frame {@code i mod clip} of the clip with seed {@code seed + i / clip}, so requesting
 * more frames than one clip chains clips of consecutive seeds. Frames are rendered on demand at
 * {@value SceneGenerator#DEFAULT_FRAME_RATE} Hz, timestamps run on across clips ({@code i * 1000 / 17} ms).
 * Rendering is deterministic: the same spec gives the same pixels and labels.
 */
public final class SyntheticSource implements FrameSource {

    private final SyntheticSpec spec;
    private final String name;
    private SceneGenerator clip;
    private long next;
    private boolean closed;

    private SyntheticSource(SyntheticSpec spec, String name) {
        this.spec = spec;
        this.name = name;
    }

    /**
     * A source rendering {@code spec}; nothing is rendered before the first {@link #next()}.
     *
     * @param name name stamped on frames; {@link SyntheticSpec#defaultName()} when {@code null}
     */
    public static SyntheticSource open(SyntheticSpec spec, String name) {
        return new SyntheticSource(spec, name != null ? name : spec.defaultName());
    }

    @Override
    public Optional<CapturedFrame> next() {
        if (closed || spec.frames() > 0 && next >= spec.frames()) {
            return Optional.empty();
        }
        SceneFrame frame = generatorFor(next).render((int) (next % spec.clipFrames()));
        long timestampMs = Math.round(next * 1000.0 / SceneGenerator.DEFAULT_FRAME_RATE);
        return Optional.of(CapturedFrame.adopt(name, next++, timestampMs, frame.width(), frame.height(),
                RgbImages.toRgb(frame.image()), frame.labels()));
    }

    private SceneGenerator generatorFor(long index) {
        long seed = spec.seed() + index / spec.clipFrames();
        if (clip == null || clip.seed() != seed) {
            clip = SceneGenerator.builder().setSeed(seed).optSize(spec.width(), spec.height())
                    .optFrames(spec.clipFrames()).optFrameRate(SceneGenerator.DEFAULT_FRAME_RATE)
                    .optCamera(spec.camera()).build();
        }
        return clip;
    }

    @Override
    public double frameRate() {
        return SceneGenerator.DEFAULT_FRAME_RATE;
    }

    /** The requested number of frames; empty when endless ({@code frames=0}). */
    @Override
    public OptionalLong frameCount() {
        return spec.frames() > 0 ? OptionalLong.of(spec.frames()) : OptionalLong.empty();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        String count = spec.frames() > 0 ? spec.frames() + " frames" : "endless";
        return String.format("synthetic scenes seed %d (%s camera, %dx%d, %s, clips of %d, %.0f fps)", spec.seed(),
                spec.camera().label(), spec.width(), spec.height(), count, spec.clipFrames(), frameRate());
    }

    @Override
    public void close() {
        closed = true;
        clip = null;
    }
}
