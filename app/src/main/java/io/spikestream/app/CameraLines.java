package io.spikestream.app;

import io.spikestream.sink.stats.RecomputeTally;
import io.spikestream.vision.ConfusionMatrix;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo summary's lines on where each camera's outputs are: for one camera its masks, overlays and statistics;
 * for several, a line per camera with its frames written, its mIoU when evaluated, and its folder.
 */
final class CameraLines {

    private CameraLines() {
    }

    /**
     * The lines, without line breaks.
     *
     * @param cameras the demo's cameras
     * @param out the sink's output folder
     * @param written the sink's recompute tallies per camera id (their frame counts are the results written)
     * @param evaluated the confusion matrices per camera id (cameras without ground truth are absent)
     */
    static List<String> lines(List<DemoCamera> cameras, Path out, Map<String, RecomputeTally> written,
            Map<String, ConfusionMatrix> evaluated) {
        Path root = out.toAbsolutePath();
        if (cameras.size() == 1) {
            Path cam = root.resolve(cameras.get(0).id());
            return List.of("masks:      " + cam.resolve("masks"), "overlays:   " + cam.resolve("overlays"),
                    "statistics: " + cam.resolve("stats.csv"));
        }
        return cameras.stream().map(c -> line(c.id(), root, written.get(c.id()), evaluated.get(c.id()))).toList();
    }

    private static String line(String id, Path root, RecomputeTally written, ConfusionMatrix evaluated) {
        String miou = evaluated == null ? "" : String.format(Locale.ROOT, ", mIoU %.1f", 100 * evaluated.meanIoU());
        return String.format(Locale.ROOT, "%s: %d frames%s -> %s (masks, overlays, stats.csv)", id,
                written == null ? 0 : written.frames(), miou, root.resolve(id));
    }
}
