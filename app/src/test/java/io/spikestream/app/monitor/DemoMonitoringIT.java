package io.spikestream.app.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import io.spikestream.app.docker.MonitoringFiles;
import io.spikestream.sink.live.HeadlessChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --http-port P --linger S} on the embedded broker, two cameras: what it serves after the run, checked
 * by the real Prometheus tools (Debian's {@code prometheus} package, which {@code .ci/run} installs).
 */
class DemoMonitoringIT {

    private static final int FRAMES = 6;
    private static final int CAMERAS = 2;
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    @TempDir
    static Path tmp;

    private static LingeringDemo demo;

    /** promtool's exit code when the metrics parse but its lint has remarks. */
    private static final int LINT_PROBLEMS = 3;

    /** Series with a per-event label (camera and reason) that a replayed demo without skips never creates. */
    private static final Set<String> ONLY_AFTER_THEIR_EVENT = Set.of("spikestream_frames_skipped_total",
            "spikestream_sink_results_skipped_total");

    @BeforeAll
    static void runDemo() throws Exception {
        demo = LingeringDemo.start(tmp.resolve("out"), FRAMES, CAMERAS, Duration.ofMinutes(5));
    }

    @AfterAll
    static void stopDemo() throws InterruptedException {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void healthIsUpAfterTheRunAndReadinessSaysWhichStageStopped() throws Exception {
        HttpResponse<String> health = demo.get("/health");
        assertEquals(200, health.statusCode());
        JsonNode body = new ObjectMapper().readTree(health.body());
        assertEquals("UP", body.get("status").asText());
        JsonNode ready = new ObjectMapper().readTree(demo.get("/ready").body());
        assertEquals("DOWN", ready.at("/checks/sink-streams/status").asText());
    }

    @Test
    void theFramesCounterEqualsTheFramesProcessed() throws Exception {
        String metrics = demo.get("/metrics").body();
        assertEquals(FRAMES * CAMERAS, sum(metrics, "spikestream_frames_processed_total"), 1e-9);
        assertEquals(FRAMES * CAMERAS, sum(metrics, "spikestream_sink_results_written_total"), 1e-9);
        for (int camera = 0; camera < CAMERAS; camera++) {
            assertTrue(metrics.contains("spikestream_frames_processed_total{camera=\"demo-cam-" + camera + "\"} "
                    + FRAMES + ".0"), metrics);
        }
    }

    @Test
    void everyDocumentedAndDashboardMetricIsExported() throws Exception {
        String scrape = demo.get("/metrics").body();
        Set<String> exported = new TreeSet<>();
        Matcher names = Pattern.compile("(?m)^([a-z_:][a-z0-9_:]*)[{ ]").matcher(scrape);
        while (names.find()) {
            exported.add(names.group(1));
        }
        Set<String> wanted = new TreeSet<>(MonitoringFiles.catalogue());
        wanted.addAll(MonitoringFiles.dashboardMetrics());
        wanted.removeAll(ONLY_AFTER_THEIR_EVENT);
        for (String metric : wanted) {
            assertTrue(exported.stream().anyMatch(name -> MonitoringFiles.belongsTo(name, Set.of(metric))
                    || MonitoringFiles.belongsTo(metric, Set.of(name))), metric + " is not in the demo's scrape");
        }
    }

    @Test
    void promtoolFindsNoProblemInTheMetrics() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is missing: apt-get install prometheus (.ci/run does)");
        Path scrape = tmp.resolve("metrics.txt");
        Files.writeString(scrape, demo.get("/metrics").body());
        Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true)
                .redirectInput(scrape.toFile()).start();
        String said = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(60, TimeUnit.SECONDS));
        int code = promtool.exitValue();
        assertTrue(code == 0 || code == LINT_PROBLEMS, "the exposition must parse (exit " + code + "): " + said);
        List<String> ours = said.lines().filter(line -> !line.startsWith("kafka_")).toList();
        assertEquals(List.of(), ours, "promtool's lint, for every metric but the Kafka clients' own names");
    }

    @Test
    void prometheusScrapesTheDemoAndAnswersAQuery() throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS), "prometheus is missing: apt-get install prometheus (.ci/run does)");
        try (PrometheusServer prometheus = PrometheusServer.start(tmp.resolve("prometheus"), demo.port())) {
            String query = "sum(spikestream_frames_processed_total)";
            double value = prometheus.awaitValue(query, Duration.ofSeconds(90));
            assertEquals(FRAMES * CAMERAS, value, 1e-9, query);
        }
    }

    @Test
    void theLivePageShowsEveryCameraInChromium() throws Exception {
        assumeTrue(HeadlessChromium.available(), "chromium is missing: apt-get install chromium (.ci/run does)");
        try (HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("chromium"))) {
            chromium.open(demo.uri(), 1280, 720);
            String cards = "[...document.querySelectorAll('.card')]";
            chromium.waitFor(cards + ".length === " + CAMERAS + " && " + cards + ".every(c =>"
                    + " c.dataset.sequence === '" + (FRAMES - 1) + "' && c.querySelector('img.overlay').complete"
                    + " && c.querySelector('img.overlay').naturalWidth > 0"
                    + " && c.querySelector('[data-field=counts]').textContent.startsWith('" + FRAMES + " /'))",
                    Duration.ofSeconds(60));
            List<String> ids = new ArrayList<>();
            chromium.evaluate("[...document.querySelectorAll('.card .camera-id')].map(e => e.textContent)")
                    .forEach(id -> ids.add(id.asText()));
            assertEquals(List.of("demo-cam-0", "demo-cam-1"), ids);
            assertTrue(chromium.evaluate("[...document.querySelectorAll('.card .class-name')]"
                    + ".some(e => e.textContent.includes('road'))").asBoolean(), "class bars name the classes");
            chromium.screenshot(Path.of("target", "live-page-demo.png"));
            assertEquals(List.of(), chromium.problems());
        }
    }

    /** Sum of every sample of {@code name} in a scrape. */
    static double sum(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape);
        double total = 0;
        boolean found = false;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
            found = true;
        }
        assertTrue(found, name + " is not in the scrape");
        return total;
    }
}
