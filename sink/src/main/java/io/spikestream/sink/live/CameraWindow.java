package io.spikestream.sink.live;

import io.spikestream.sink.stats.FrameStatistics;
import io.spikestream.vision.Cityscapes;

import java.nio.file.Path;

/** One camera's running state behind its {@link CameraSnapshot}s. Callers hold its lock. */
final class CameraWindow {

    private final String cameraId;
    private final RecentWindow recent = new RecentWindow();
    private long sequence = -1;
    private int width;
    private int height;
    private long written;
    private long skipped;
    private double[] classShares = new double[Cityscapes.NUM_CLASSES];
    private long overlaySequence = -1;
    private Path overlayFile;

    CameraWindow(String cameraId) {
        this.cameraId = cameraId;
    }

    void written(FrameStatistics stats, int maskWidth, int maskHeight) {
        seen(stats.sequence());
        written++;
        width = maskWidth;
        height = maskHeight;
        classShares = stats.pixelFractions().clone();
        recent.add(stats.captureTimeMillis() + Math.round(stats.latencyMillis()), stats.latencyMillis(),
                stats.firingRate(), stats.energyMillijoules(), stats.recomputedFraction());
    }

    void skipped(FrameStatistics stats) {
        seen(stats.sequence());
        skipped++;
    }

    /** Keeps the overlay of the highest sequence; an older one (a late join, a replay) changes nothing. */
    boolean overlay(long overlaySeq, Path file) {
        if (overlaySeq < overlaySequence) {
            return false;
        }
        overlaySequence = overlaySeq;
        overlayFile = file;
        return true;
    }

    CameraSnapshot snapshot(long version) {
        return new CameraSnapshot(cameraId, version, sequence, width, height, written, skipped,
                recent.framesPerSecond(), recent.latencyQuantile(0.5), recent.latencyQuantile(0.99),
                recent.meanFiringRate(), recent.meanEnergy(), recent.meanRecomputed(), classShares,
                overlaySequence, overlayFile);
    }

    private void seen(long seq) {
        sequence = Math.max(sequence, seq);
    }
}
