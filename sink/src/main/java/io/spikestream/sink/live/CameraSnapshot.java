package io.spikestream.sink.live;

import java.nio.file.Path;

/**
 * What the live page shows of one camera at one moment; immutable. Numbers marked "recent" are over the
 * camera's last {@value RecentWindow#CAPACITY} written results; NaN when there are none (or, for the frame
 * rate, fewer than two at distinct times).
 *
 * @param cameraId camera id, as in the records
 * @param version a number that grows with every change of any camera; equal versions mean the same snapshot
 * @param sequence sequence of the camera's latest result (written or skipped), -1 before the first
 * @param width width of the latest written mask in pixels, 0 before the first
 * @param height its height
 * @param written results written (mask and CSV row)
 * @param skipped results of frames inference skipped (CSV row only)
 * @param framesPerSecond recent rate of written results at the sink
 * @param latencyP50Millis recent end-to-end latency, median
 * @param latencyP99Millis recent end-to-end latency, 99th percentile
 * @param firingRate recent mean firing rate
 * @param energyMillijoules recent mean energy per frame
 * @param recomputedFraction recent mean share of the model's work recomputed
 * @param classShares per trainId 0..18, the share of the latest written mask's pixels; see {@link #classShare}
 * @param overlaySequence sequence of the latest overlay written, -1 for none
 * @param overlayFile that overlay's file, null for none
 */
public record CameraSnapshot(
        String cameraId,
        long version,
        long sequence,
        int width,
        int height,
        long written,
        long skipped,
        double framesPerSecond,
        double latencyP50Millis,
        double latencyP99Millis,
        double firingRate,
        double energyMillijoules,
        double recomputedFraction,
        double[] classShares,
        long overlaySequence,
        Path overlayFile) {

    /** Keeps a copy of {@code classShares}. */
    public CameraSnapshot {
        classShares = classShares.clone();
    }

    /** A copy of the class shares, per trainId 0..18. */
    @Override
    public double[] classShares() {
        return classShares.clone();
    }

    /** The share of the latest written mask's pixels of class {@code trainId}. */
    public double classShare(int trainId) {
        return classShares[trainId];
    }

    /** The number of classes with a share, 19. */
    public int classCount() {
        return classShares.length;
    }

    /** Whether an overlay has been written for the camera. */
    public boolean hasOverlay() {
        return overlayFile != null;
    }
}
