package io.spikestream.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean streamsRunning = new AtomicBoolean(false);
    private MonitorRegistry metrics;
    private MonitorServer server;

    @BeforeEach
    void start() throws IOException {
        metrics = new MonitorRegistry();
        server = MonitorServer.start(MonitorServer.DEFAULT_HOST, 0, metrics)
                .addLiveness(() -> Check.up("process", "serving"))
                .addReadiness(() -> Check.up("model", "loaded"), () -> streamsRunning.get()
                        ? Check.up("streams", "state RUNNING") : Check.down("streams", "state REBALANCING"));
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void metricsAreThePrometheusTextFormatWithJvmAndOwnMeters() throws Exception {
        Counter.builder("spikestream.frames.processed").tag("camera", "cam-1").register(metrics.registry()).increment(3);
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals(MonitorServer.PROMETHEUS_TEXT, response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("spikestream_frames_processed_total{camera=\"cam-1\"} 3.0"),
                response.body());
        assertTrue(response.body().contains("jvm_memory_used_bytes{"), "JVM meters are bound");
    }

    @Test
    void readinessIsDownWithTheFailingCheckNamedUntilItPasses() throws Exception {
        HttpResponse<String> down = get("/ready");
        assertEquals(503, down.statusCode());
        JsonNode body = new ObjectMapper().readTree(down.body());
        assertEquals("DOWN", body.get("status").asText());
        assertEquals("state REBALANCING", body.at("/checks/streams/detail").asText());
        assertEquals("UP", body.at("/checks/model/status").asText());

        streamsRunning.set(true);
        HttpResponse<String> up = get("/ready");
        assertEquals(200, up.statusCode());
        assertEquals("UP", new ObjectMapper().readTree(up.body()).get("status").asText());
        assertEquals(MonitorServer.JSON, up.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void healthIsUpWhileTheProcessServes() throws Exception {
        HttpResponse<String> response = get("/health");
        assertEquals(200, response.statusCode());
        assertEquals("serving", new ObjectMapper().readTree(response.body()).at("/checks/process/detail").asText());
    }

    @Test
    void aCheckThatThrowsIsDownNotAnError() throws Exception {
        try (MonitorRegistry other = new MonitorRegistry();
                MonitorServer failing = MonitorServer.start(MonitorServer.DEFAULT_HOST, 0, other).addLiveness(() -> {
                    throw new IllegalStateException("boom");
                })) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(failing.uri().resolve("/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, response.statusCode());
            assertTrue(response.body().contains("boom"), response.body());
        }
    }

    @Test
    void withoutChecksTheStageIsStarting() throws Exception {
        try (MonitorRegistry other = new MonitorRegistry();
                MonitorServer starting = MonitorServer.start(MonitorServer.DEFAULT_HOST, 0, other)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(starting.uri().resolve("/ready"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, response.statusCode());
            assertTrue(response.body().contains("starting"), response.body());
        }
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        assertEquals(404, get("/").statusCode());
        assertEquals(404, get("/metricsX").statusCode());
        assertEquals(404, get("/ready/more").statusCode());
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(server.uri().resolve("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(server.uri().resolve("/health"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void aMountedPageServesTheRootWhileTheBuiltInPathsStay() throws Exception {
        server.mount("/", exchange -> {
            byte[] page = "<html>live</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        assertEquals("<html>live</html>", get("/").body());
        assertEquals(200, get("/metrics").statusCode());
    }

    @Test
    void aTakenPortSaysWhatToDo() {
        IOException e = assertThrows(IOException.class, () -> MonitorServer.start(MonitorServer.DEFAULT_HOST,
                server.port(), metrics));
        assertTrue(e.getMessage().contains("--http-port"), e.getMessage());
    }

    @Test
    void bindsLoopbackByDefault() {
        assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/"), server.uri());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
