package io.spikestream.inference.runtime.bench;

import io.spikestream.inference.model.delta.DeltaCache;
import io.spikestream.inference.model.delta.DeltaSettings;
import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import io.spikestream.inference.runtime.SegmentationRuntime.BatchOutput;
import io.spikestream.inference.runtime.SegmentationRuntime.DeltaFrame;
import io.spikestream.inference.runtime.SegmentationRuntime.RunOptions;
import io.spikestream.inference.runtime.SegmentationRuntime;
import io.spikestream.vision.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs one camera's frames through a membrane-state mode, in order, as the inference stage would: per-frame
 * {@code reset} (a full pass each frame), change-driven {@code delta} (a key frame, then only what changed) or
 * {@code keyframe} (key frames whose context the frames between them reuse).
 * Each frame is timed (wall time) from decoded pixels to its trainId mask at the frame's size. A second, untimed run with
 * the model's operation accounting gives the energy estimate (the paper's accounting, counting only the work
 * that was done).
 */
public final class StreamBenchmark {

    private StreamBenchmark() {}

    /**
     * One mode's run over the frames.
     *
     * @param masks per frame, its trainIds at the frame's size
     * @param millis per frame, preprocessing to mask
     * @param recomputed per frame, the share of a dense pass's work done (1 for reset and key frames)
     * @param stageShares per stage, the mean share of its dense work done over the frames after the first
     * @param stageMillis per stage, the mean time it took over the frames after the first
     * @param energyMillijoules per frame, the energy estimate
     */
    public record Run(List<byte[]> masks, double[] millis, double[] recomputed, Map<String, Double> stageShares,
            Map<String, Double> stageMillis, double[] energyMillijoules) {

        /** Median time per frame over the frames after the first (the key frame). */
        public double medianMillis() {
            return new Timings(Arrays.copyOfRange(millis, Math.min(1, millis.length - 1), millis.length)).median();
        }

        /**
         * Mean time per frame over the frames after the first: a mode whose frames cost unequal amounts (key frames,
         * context refreshes) is judged by what the clip costs, which the median would hide.
         */
        public double meanMillis() {
            return meanAfterFirst(millis);
        }

        /** Mean of the recomputed share over the frames after the first. */
        public double meanRecomputed() {
            return meanAfterFirst(recomputed);
        }

        /** Mean energy per frame over the frames after the first. */
        public double meanEnergy() {
            return meanAfterFirst(energyMillijoules);
        }

        private static double meanAfterFirst(double[] v) {
            return v.length < 2 ? v[0] : Arrays.stream(v, 1, v.length).average().orElse(Double.NaN);
        }
    }

    /** A membrane-state mode that keeps a cache per camera, as the runtime runs it on one camera's frame. */
    @FunctionalInterface
    public interface CachedMode {
        /**
         * Segments the camera's next frame.
         *
         * @param runtime the model
         * @param frame the frame
         * @param cache the camera's cache, updated
         * @param accounting whether to count operations
         * @return the frame's mask and what was recomputed
         */
        DeltaFrame segment(SegmentationRuntime runtime, RgbImage frame, DeltaCache cache, boolean accounting);
    }

    /** Change-driven inference with these settings. */
    public static CachedMode delta(DeltaSettings settings) {
        return (runtime, frame, cache, accounting) -> runtime.segmentDelta(frame, cache, settings, accounting);
    }

    /** Key-frame inference with these settings. */
    public static CachedMode keyFrames(KeyFrameSettings settings) {
        return (runtime, frame, cache, accounting) -> runtime.segmentKeyFrame(frame, cache, settings, accounting);
    }

    /**
     * Runs both modes over the frames, interleaved frame by frame so that a change in the machine's load affects
     * both alike: {@code reset} (a full pass from fresh state each frame) and a mode that keeps a cache per camera.
     * Then replays both with accounting, untimed, for the energy estimate.
     *
     * @param runtime the model
     * @param frames the camera's frames in order
     * @param mode the mode compared with reset, e.g. {@link #delta}
     * @return the reset run and the mode's run
     */
    public static Comparison compare(SegmentationRuntime runtime, List<RgbImage> frames, CachedMode mode) {
        Recorder reset = new Recorder(frames.size());
        Recorder delta = new Recorder(frames.size());
        try (DeltaCache cache = new DeltaCache()) {
            for (int i = 0; i < frames.size(); i++) {
                RgbImage frame = frames.get(i);
                Runnable full = () -> reset.add(() -> fullPass(runtime, frame, false));
                Runnable changed = () -> delta.add(() -> mode.segment(runtime, frame, cache, false));
                // alternate which mode goes first, so that neither always runs on the other's freed memory
                (i % 2 == 0 ? full : changed).run();
                (i % 2 == 0 ? changed : full).run();
            }
        }
        try (DeltaCache cache = new DeltaCache()) {
            for (int i = 0; i < frames.size(); i++) {
                reset.energy[i] = fullPass(runtime, frames.get(i), true).stats().energyMillijoulesPerFrame();
                delta.energy[i] = mode.segment(runtime, frames.get(i), cache, true).stats()
                        .energyMillijoulesPerFrame();
            }
        }
        return new Comparison(reset.run(), delta.run());
    }

    /**
     * The two runs over the same frames.
     *
     * @param reset per-frame mode
     * @param delta change-driven mode
     */
    public record Comparison(Run reset, Run delta) {}

    private static DeltaFrame fullPass(SegmentationRuntime runtime, RgbImage frame, boolean accounting) {
        BatchOutput out = runtime.segment(List.of(frame), Collections.singletonList(null),
                new RunOptions(false, accounting));
        return new DeltaFrame(out.frames().get(0).trainIds(), 1, Map.of(), Map.of(), out.stats(),
                out.preprocessNanos(), out.inferenceNanos() + out.postprocessNanos());
    }

    /** Collects one mode's frames, each timed from the call to its mask (wall time). */
    private static final class Recorder {
        private final List<byte[]> masks = new ArrayList<>();
        private int next;
        private final double[] millis;
        private final double[] recomputed;
        private final double[] energy;
        private final Map<String, Double> shares = new LinkedHashMap<>();
        private final Map<String, Double> stageMillis = new LinkedHashMap<>();

        Recorder(int frames) {
            millis = new double[frames];
            recomputed = new double[frames];
            energy = new double[frames];
        }

        void add(Supplier<DeltaFrame> segment) {
            long start = System.nanoTime();
            DeltaFrame f = segment.get();
            int i = next++;
            millis[i] = (System.nanoTime() - start) / 1e6;
            masks.add(f.trainIds());
            recomputed[i] = f.recomputed();
            if (i > 0) {
                int later = millis.length - 1;
                f.stageShares().forEach((k, v) -> shares.merge(k, v / later, Double::sum));
                f.stageMillis().forEach((k, v) -> stageMillis.merge(k, v / later, Double::sum));
            }
        }

        Run run() {
            return new Run(masks, millis, recomputed, shares, stageMillis, energy);
        }
    }

    /**
     * Share of pixels on which two runs give the same trainId, over all frames.
     *
     * @param a one run
     * @param b the other, over the same frames
     * @return percent
     */
    public static double pixelAgreement(Run a, Run b) {
        long same = 0;
        long all = 0;
        for (int i = 0; i < a.masks().size(); i++) {
            byte[] x = a.masks().get(i);
            byte[] y = b.masks().get(i);
            for (int p = 0; p < x.length; p++) {
                same += x[p] == y[p] ? 1 : 0;
            }
            all += x.length;
        }
        return 100.0 * same / all;
    }
}
