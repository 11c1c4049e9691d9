package io.spikestream.inference.runtime.bench;

import io.spikestream.inference.model.delta.DeltaCache;
import io.spikestream.inference.model.delta.DeltaSettings;
import io.spikestream.inference.runtime.RgbImage;
import io.spikestream.inference.runtime.SegmentationRuntime;
import io.spikestream.inference.runtime.SegmentationRuntime.BatchOutput;
import io.spikestream.inference.runtime.SegmentationRuntime.DeltaFrame;
import io.spikestream.inference.runtime.SegmentationRuntime.RunOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one camera's frames through a membrane-state mode, in order, as the inference stage would: per-frame
 * {@code reset} (a full pass each frame) or change-driven {@code delta} (a key frame, then only what changed).
 * Each frame is timed from decoded pixels to its trainId mask at the frame's size. A second, untimed run with
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
     * @param energyMillijoules per frame, the energy estimate
     */
    public record Run(List<byte[]> masks, double[] millis, double[] recomputed, Map<String, Double> stageShares,
            double[] energyMillijoules) {

        /** Median time per frame over the frames after the first (the key frame). */
        public double medianMillis() {
            return new Timings(Arrays.copyOfRange(millis, Math.min(1, millis.length - 1), millis.length)).median();
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

    /**
     * Per-frame mode: every frame a full pass from fresh state.
     *
     * @param runtime the model
     * @param frames the camera's frames in order
     * @return masks, times and energy
     */
    public static Run reset(SegmentationRuntime runtime, List<RgbImage> frames) {
        int n = frames.size();
        List<byte[]> masks = new ArrayList<>(n);
        double[] millis = new double[n];
        double[] energy = new double[n];
        for (int i = 0; i < n; i++) {
            BatchOutput out = runtime.segment(List.of(frames.get(i)), Collections.singletonList(null),
                    new RunOptions(false, false));
            masks.add(out.frames().get(0).trainIds());
            millis[i] = (out.preprocessNanos() + out.inferenceNanos() + out.postprocessNanos()) / 1e6;
        }
        for (int i = 0; i < n; i++) {
            energy[i] = runtime.segment(List.of(frames.get(i)), Collections.singletonList(null),
                    new RunOptions(false, true)).stats().energyMillijoulesPerFrame();
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return new Run(masks, millis, ones, Map.of(), energy);
    }

    /**
     * Change-driven mode: the first frame is a key frame, every later one recomputes what changed.
     *
     * @param runtime the model
     * @param frames the camera's frames in order
     * @param settings threshold, tile and dense bound
     * @return masks, times, recomputed shares and energy
     */
    public static Run delta(SegmentationRuntime runtime, List<RgbImage> frames, DeltaSettings settings) {
        int n = frames.size();
        List<byte[]> masks = new ArrayList<>(n);
        double[] millis = new double[n];
        double[] recomputed = new double[n];
        double[] energy = new double[n];
        Map<String, Double> shares = new LinkedHashMap<>();
        try (DeltaCache cache = new DeltaCache()) {
            for (int i = 0; i < n; i++) {
                DeltaFrame f = runtime.segmentDelta(frames.get(i), cache, settings, false);
                masks.add(f.trainIds());
                millis[i] = (f.preprocessNanos() + f.segmentNanos()) / 1e6;
                recomputed[i] = f.recomputed();
                if (i > 0) {
                    f.stageShares().forEach((k, v) -> shares.merge(k, v / (n - 1), Double::sum));
                }
            }
        }
        try (DeltaCache cache = new DeltaCache()) {
            for (int i = 0; i < n; i++) {
                energy[i] = runtime.segmentDelta(frames.get(i), cache, settings, true).stats()
                        .energyMillijoulesPerFrame();
            }
        }
        return new Run(masks, millis, recomputed, shares, energy);
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
