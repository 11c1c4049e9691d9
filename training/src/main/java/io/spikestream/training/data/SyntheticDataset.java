package io.spikestream.training.data;

import io.spikestream.scenes.CameraKind;
import io.spikestream.scenes.SceneFrame;
import io.spikestream.scenes.SceneGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Frames of procedurally generated clips ({@link SceneGenerator}) as a dataset: sample {@code i} is frame
 * {@code (i mod framesPerClip) * stride} of the clip with seed {@code firstSeed + i / framesPerClip}.
 * Rendered frames are cached in memory, so each is rendered once however often it is drawn. Clips come from a
 * driving camera unless {@link #withCamera} chooses another {@link CameraKind}.
 *
 * <p>Seeds fix the split: use {@link #TRAIN_FIRST_SEED} upwards for training and {@link #EVAL_FIRST_SEED}
 * upwards for evaluation; {@link #training} refuses seed ranges that reach the evaluation seeds.
 */
public final class SyntheticDataset implements SegmentationDataset {

    /** First training seed. */
    public static final long TRAIN_FIRST_SEED = 0;
    /** First held-out seed; training seeds stay below it. */
    public static final long EVAL_FIRST_SEED = 9000;

    private final long firstSeed;
    private final int clips;
    private final int framesPerClip;
    private final int stride;
    private final int width;
    private final int height;
    private final CameraKind camera;
    private final ConcurrentHashMap<Long, Sample> cache = new ConcurrentHashMap<>();

    private SyntheticDataset(long firstSeed, int clips, int framesPerClip, int stride, int width, int height,
            CameraKind camera) {
        if (clips < 1 || framesPerClip < 1 || stride < 1) {
            throw new IllegalArgumentException("need at least one clip and one frame per clip, stride >= 1");
        }
        if (camera == null) {
            throw new IllegalArgumentException("scene camera must be one of " + CameraKind.allowedValues());
        }
        this.firstSeed = firstSeed;
        this.clips = clips;
        this.framesPerClip = framesPerClip;
        this.stride = stride;
        this.width = width;
        this.height = height;
        this.camera = camera;
    }

    /**
     * Training clips with seeds {@code firstSeed .. firstSeed + clips - 1}, all below {@link #EVAL_FIRST_SEED}.
     *
     * @param stride frame-index step between the samples of one clip (consecutive frames: 1)
     */
    public static SyntheticDataset training(long firstSeed, int clips, int framesPerClip, int stride, int width,
            int height) {
        if (firstSeed < 0 || firstSeed + clips > EVAL_FIRST_SEED) {
            throw new IllegalArgumentException("training seeds " + firstSeed + ".." + (firstSeed + clips - 1)
                    + " must stay in 0.." + (EVAL_FIRST_SEED - 1) + " (seeds from " + EVAL_FIRST_SEED + " are held out)");
        }
        return new SyntheticDataset(firstSeed, clips, framesPerClip, stride, width, height, CameraKind.DRIVING);
    }

    /** Held-out clips with seeds {@code EVAL_FIRST_SEED + offset ..}. */
    public static SyntheticDataset evaluation(int offset, int clips, int framesPerClip, int stride, int width,
            int height) {
        return new SyntheticDataset(EVAL_FIRST_SEED + offset, clips, framesPerClip, stride, width, height,
                CameraKind.DRIVING);
    }

    /** @return the same clips seen from {@code camera} (a new dataset with its own cache) */
    public SyntheticDataset withCamera(CameraKind camera) {
        return new SyntheticDataset(firstSeed, clips, framesPerClip, stride, width, height, camera);
    }

    /** @return the camera the clips are rendered from */
    public CameraKind camera() {
        return camera;
    }

    @Override
    public int size() {
        return clips * framesPerClip;
    }

    @Override
    public Sample get(int index) {
        long seed = firstSeed + index / framesPerClip;
        return frame(seed, (index % framesPerClip) * stride);
    }

    /** Frames {@code f, f+1, ..} of the sample's clip (the clip is rendered with {@code framesPerClip * stride} frames). */
    @Override
    public List<Sample> clip(int index, int length) {
        long seed = firstSeed + index / framesPerClip;
        int start = Math.min((index % framesPerClip) * stride, clipFrames() - length);
        List<Sample> frames = new ArrayList<>(length);
        for (int f = Math.max(0, start); f < Math.min(clipFrames(), Math.max(0, start) + length); f++) {
            frames.add(frame(seed, f));
        }
        return frames;
    }

    /** Renders every sample once (e.g. before timing training). */
    public void prefetch() {
        java.util.stream.IntStream.range(0, size()).parallel().forEach(this::get);
    }

    private int clipFrames() {
        return framesPerClip * stride;
    }

    private Sample frame(long seed, int index) {
        return cache.computeIfAbsent(seed * 100_000 + index, k -> render(seed, index));
    }

    private Sample render(long seed, int index) {
        SceneFrame f = SceneGenerator.builder().setSeed(seed).optSize(width, height).optFrames(clipFrames())
                .optCamera(camera).build().render(index);
        String kind = camera == CameraKind.DRIVING ? "" : camera.label() + "_";
        return new Sample(width, height, Images.rgb(f.image()), f.labels(),
                String.format("synthetic_%s%06d_%06d", kind, seed, index));
    }
}
