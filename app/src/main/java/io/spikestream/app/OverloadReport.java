package io.spikestream.app;

import io.spikestream.inference.runtime.bench.Timings;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code bench overload} measured: every result record of the bench's cameras as it arrived, turned into
 * the lines the benchmark prints (latency quantiles and growth over the processed frames, processed and skipped
 * counts against the frames captured, each camera's share of the processed frames).
 */
final class OverloadReport {

    /**
     * One result record as the bench's consumer saw it.
     *
     * @param cameraId the camera
     * @param sequence the frame's sequence
     * @param captureMillis the frame's capture time
     * @param receivedMillis when the committed result reached the consumer
     * @param skipReason null for a segmented frame, else why inference skipped it
     */
    record Arrival(String cameraId, long sequence, long captureMillis, long receivedMillis, String skipReason) {

        long latencyMillis() {
            return receivedMillis - captureMillis;
        }
    }

    private final List<Arrival> arrivals;
    private final long published;
    private final long droppedByIngest;

    /**
     * @param arrivals the result records, one per frame
     * @param published frames the cameras published
     * @param droppedByIngest frames the cameras captured but replaced by newer ones before publishing
     */
    OverloadReport(List<Arrival> arrivals, long published, long droppedByIngest) {
        this.arrivals = List.copyOf(arrivals);
        this.published = published;
        this.droppedByIngest = droppedByIngest;
    }

    /** Prints the benchmark's lines. */
    void print(PrintWriter out) {
        List<Arrival> processed = arrivals.stream().filter(a -> a.skipReason() == null)
                .sorted(Comparator.comparingLong(Arrival::captureMillis)).toList();
        List<Double> latencies = processed.stream().map(a -> (double) a.latencyMillis()).toList();
        out.printf(Locale.ROOT, "latency p50 ms: %.0f%n", quantile(latencies, 0.5));
        out.printf(Locale.ROOT, "latency p99 ms: %.0f%n", quantile(latencies, 0.99));
        out.printf(Locale.ROOT, "latency growth: %.2f%n", growth(latencies));
        out.printf(Locale.ROOT, "captured: %d%n", published + droppedByIngest);
        out.printf(Locale.ROOT, "processed: %d%n", processed.size());
        out.printf(Locale.ROOT, "skipped: %d%s%n", arrivals.size() - processed.size(), skipReasons());
        out.printf(Locale.ROOT, "dropped by ingest: %d%n", droppedByIngest);
        out.printf(Locale.ROOT, "unaccounted: %d%n", published - arrivals.size());
        perCamera(processed).forEach((camera, n) -> out.printf(Locale.ROOT, "share %s: %.3f (%d frames)%n", camera,
                processed.isEmpty() ? 0 : n / (double) processed.size(), n));
    }

    /** Median latency of the last fifth of the processed frames (by capture time) over that of the first fifth. */
    static double growth(List<Double> latenciesByCapture) {
        int fifth = latenciesByCapture.size() / 5;
        if (fifth == 0) {
            return Double.NaN;
        }
        double first = quantile(latenciesByCapture.subList(0, fifth), 0.5);
        double last = quantile(latenciesByCapture.subList(latenciesByCapture.size() - fifth,
                latenciesByCapture.size()), 0.5);
        return last / first;
    }

    /** The {@code q} quantile (nearest rank, {@link Timings#quantile}) of {@code values}, NaN when empty. */
    static double quantile(List<Double> values, double q) {
        return values.isEmpty() ? Double.NaN
                : new Timings(values.stream().mapToDouble(Double::doubleValue).toArray()).quantile(q);
    }

    private String skipReasons() {
        Map<String, Long> reasons = new TreeMap<>();
        arrivals.stream().filter(a -> a.skipReason() != null).forEach(a -> reasons.merge(a.skipReason(), 1L, Long::sum));
        return reasons.isEmpty() ? "" : " " + reasons;
    }

    private static Map<String, Long> perCamera(List<Arrival> processed) {
        Map<String, Long> counts = new TreeMap<>();
        processed.forEach(a -> counts.merge(a.cameraId(), 1L, Long::sum));
        return counts;
    }
}
