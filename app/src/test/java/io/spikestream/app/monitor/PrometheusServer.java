package io.spikestream.app.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Debian's Prometheus server, scraping one target every second, on a free loopback port. */
final class PrometheusServer implements AutoCloseable {

    private final Process process;
    private final URI api;
    private final Path log;

    private PrometheusServer(Process process, URI api, Path log) {
        this.process = process;
        this.api = api;
        this.log = log;
    }

    static PrometheusServer start(Path dir, int targetPort) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "scrape_configs:",
                "  - job_name: spikestream",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + targetPort + "']",
                ""));
        int port = LingeringDemo.freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PrometheusServer(process, URI.create("http://127.0.0.1:" + port + "/"), log);
    }

    /** Polls an instant query until it has a sample; its value. */
    double awaitValue(String query, Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = api.resolve("api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                last = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
                JsonNode result = new ObjectMapper().readTree(last).at("/data/result");
                if (result.isArray() && result.size() > 0) {
                    return result.get(0).at("/value/1").asDouble();
                }
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no sample for " + query + " within " + timeout + "; last answer " + last
                + "; prometheus log:\n" + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
