package io.spikestream.sink.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} run headless and driven over the Chrome DevTools Protocol with nothing but the JDK
 * (and Jackson for the JSON): open a page, evaluate JavaScript, wait for a condition, save a screenshot, and
 * collect what the page reported as errors (uncaught exceptions, console errors, and browser log errors such
 * as Content-Security-Policy violations and failed loads).
 *
 * <p>Usage: {@code assumeTrue(HeadlessChromium.available())}, then {@code try (var chromium =
 * HeadlessChromium.start(tempDir)) { chromium.open(uri, 1280, 800); chromium.waitFor("js condition", timeout);
 * ... }}. The browser's own output goes to {@code chromium.log} in the given folder.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where Debian's {@code chromium} package puts the browser. */
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final DevToolsSocket devTools;
    private String session;
    private int width;

    private HeadlessChromium(Process process, URI browserSocket) throws IOException, InterruptedException {
        this.process = process;
        this.devTools = DevToolsSocket.connect(browserSocket, this::event);
    }

    /** Whether the browser is installed. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts the browser with its profile in {@code folder} (created if missing), listening for DevTools on a
     * free port.
     *
     * @throws IOException when it does not start or does not announce its DevTools port within a minute
     */
    public static HeadlessChromium start(Path folder) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(folder).resolve("profile");
        Path log = folder.resolve("chromium.log");
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            return new HeadlessChromium(process, browserSocket(process, profile.resolve("DevToolsActivePort")));
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Opens {@code uri} in a new tab of {@code width} x {@code height} CSS pixels and waits until it loaded. */
    public void open(URI uri, int width, int height) throws IOException, InterruptedException {
        String target = call(null, "Target.createTarget", params().put("url", "about:blank"))
                .get("targetId").asText();
        session = call(null, "Target.attachToTarget", params().put("targetId", target).put("flatten", true))
                .get("sessionId").asText();
        for (String domain : List.of("Page", "Runtime", "Log")) {
            call(session, domain + ".enable", params());
        }
        this.width = width;
        viewport(height);
        call(session, "Page.navigate", params().put("url", uri.toString()));
        waitFor("document.readyState === 'complete'", Duration.ofSeconds(30));
    }

    /** The value of a JavaScript expression in the page (JSON-serialisable values only). */
    public JsonNode evaluate(String expression) throws IOException, InterruptedException {
        JsonNode result = call(session, "Runtime.evaluate",
                params().put("expression", expression).put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IOException("evaluating " + expression + " threw " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /**
     * Polls a JavaScript condition until it is true.
     *
     * @throws AssertionError when it is not true within {@code timeout}
     */
    public void waitFor(String condition, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!evaluate("Boolean(" + condition + ")").asBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not true within " + timeout + ": " + condition + "\npage problems: "
                        + problems + "\npage text: " + evaluate("document.body ? document.body.innerText : ''"));
            }
            Thread.sleep(100);
        }
    }

    /** Saves a PNG of the whole page (not only the viewport) to {@code png}. */
    public void screenshot(Path png) throws IOException, InterruptedException {
        int height = evaluate("Math.ceil(document.documentElement.scrollHeight)").asInt();
        viewport(height);
        String data = call(session, "Page.captureScreenshot", params().put("format", "png")).get("data").asText();
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(data));
    }

    /** What the page reported so far: uncaught exceptions, console errors and browser log errors. */
    public List<String> problems() {
        return new ArrayList<>(problems);
    }

    /** Closes the browser and waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        try {
            call(null, "Browser.close", params());
        } catch (IOException e) {
            process.destroy();
        } finally {
            devTools.close();
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void viewport(int height) throws IOException, InterruptedException {
        call(session, "Emulation.setDeviceMetricsOverride", params().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
    }

    private JsonNode call(String sessionId, String method, ObjectNode params) throws IOException, InterruptedException {
        return devTools.call(sessionId, method, params, CALL_TIMEOUT);
    }

    private static ObjectNode params() {
        return DevToolsSocket.JSON.createObjectNode();
    }

    private void event(JsonNode message) {
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Runtime.exceptionThrown" -> problems.add("exception: " + params.path("exceptionDetails")
                    .path("exception").path("description").asText(params.path("exceptionDetails").toString()));
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(params.path("type").asText())) {
                    problems.add("console.error: " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                if ("error".equals(entry.path("level").asText())) {
                    problems.add(entry.path("source").asText() + ": " + entry.path("text").asText() + " "
                            + entry.path("url").asText());
                }
            }
            default -> {
            }
        }
    }

    /** Reads the browser's DevTools address from the file it writes once it listens. */
    private static URI browserSocket(Process process, Path activePort) throws IOException, InterruptedException {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            List<String> lines = Files.exists(activePort) ? Files.readAllLines(activePort) : List.of();
            if (lines.size() >= 2 && !lines.get(1).isBlank()) {
                return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
            }
            if (!process.isAlive() || System.nanoTime() > end) {
                throw new IOException("chromium did not start (exit " + (process.isAlive() ? "none" : process.exitValue())
                        + "); see " + activePort.getParent().resolveSibling("chromium.log"));
            }
            Thread.sleep(50);
        }
    }
}
