package io.spikestream.sink.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spikestream.vision.Cityscapes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live page in headless Chromium: three cameras' cards with overlays, class bars and numbers, updated live. */
class LivePageBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> CAMERAS = List.of("gate-3", "demo-cam-0", "yard <b>east</b>");
    private static final String CARDS = "[...document.querySelectorAll('.card')]";
    private static final Path SCREENSHOT = Path.of(System.getProperty("basedir", "."), "target", "live-page.png");

    @TempDir
    Path tmp;

    @Test
    void shouldShowEveryCameraAndItsUpdatesInARealBrowser() throws Exception {
        assumeTrue(HeadlessChromium.available(), HeadlessChromium.BINARY + " is not installed");
        LiveFixtures fixtures = new LiveFixtures(tmp.resolve("out"), "jpg");
        for (int seq = 0; seq < 5; seq++) {
            for (int i = 0; i < CAMERAS.size(); i++) {
                fixtures.write(CAMERAS.get(i), i, seq);
            }
        }
        try (LivePage page = new LivePage(fixtures.view()); LiveServer server = new LiveServer(page);
                HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("chromium"))) {
            chromium.open(server.uri("/"), 1280, 720);
            chromium.waitFor(everyCardShows(3, 4), WAIT);

            assertEquals("3 cameras", text(chromium, "#camera-count"));
            assertEquals("live", text(chromium, "#connection .label"));
            assertEquals(List.of("demo-cam-0", "gate-3", "yard <b>east</b>"), texts(chromium, ".card .camera-id"));
            assertEquals(0, chromium.evaluate("document.querySelectorAll('.camera-id b').length").asInt());
            assertEquals(LiveFixtures.W, chromium.evaluate(
                    "document.querySelector('.card img.overlay').naturalWidth").asInt());
            CameraSnapshot gate = fixtures.view().camera("gate-3").orElseThrow();
            String gateCard = ".card[data-camera='gate-3'] ";
            assertEquals(topClasses(gate), texts(chromium, gateCard + ".class-row:not([hidden]) .class-name"));
            assertEquals(String.format("%.1f", gate.framesPerSecond()), text(chromium, gateCard + "[data-field=fps]"));
            assertEquals("100 ms / 120 ms", text(chromium, gateCard + "[data-field=latency]"));
            assertEquals("5 / 0", text(chromium, gateCard + "[data-field=counts]"));
            assertEquals("#4", text(chromium, gateCard + ".sequence"));

            fixtures.write("gate-3", 0, 5);
            chromium.waitFor("document.querySelector(\"" + gateCard + "\").dataset.overlay === '5'"
                    + " && document.querySelector(\"" + gateCard + "[data-field=counts]\").textContent === '6 / 0'"
                    + " && document.querySelector(\"" + gateCard + ".sequence\").textContent === '#5'", WAIT);
            chromium.screenshot(SCREENSHOT);
            assertTrue(Files.size(SCREENSHOT) > 10_000);
            assertEquals(List.of(), chromium.problems());
        }
    }

    @Test
    void shouldKeepSixteenLiveCamerasUpToDateWithoutRebuildingThePage() throws Exception {
        assumeTrue(HeadlessChromium.available(), HeadlessChromium.BINARY + " is not installed");
        LiveFixtures fixtures = new LiveFixtures(tmp.resolve("out"), "jpg");
        List<String> cameras = IntStream.range(0, 16).mapToObj(i -> "demo-cam-" + i).toList();
        writeRound(fixtures, cameras, 0);
        try (LivePage page = new LivePage(fixtures.view()); LiveServer server = new LiveServer(page);
                HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("chromium"))) {
            chromium.open(server.uri("/"), 1280, 720);
            chromium.waitFor(everyCardShows(16, 0), WAIT);
            chromium.evaluate("window.addedElements = 0; new MutationObserver(ms => ms.forEach(m =>"
                    + " m.addedNodes.forEach(n => { if (n.nodeType === 1) { window.addedElements++; } })))"
                    + ".observe(document.body, { childList: true, subtree: true }); true");
            int elements = chromium.evaluate("document.getElementsByTagName('*').length").asInt();

            long last = 30;
            for (long seq = 1; seq <= last; seq++) {
                writeRound(fixtures, cameras, seq);
                Thread.sleep(50);
            }
            chromium.waitFor(everyCardShows(16, last), WAIT);
            assertEquals(List.copyOf(cameras), texts(chromium, ".card .camera-id"));
            assertEquals(0, chromium.evaluate("window.addedElements").asInt());
            assertEquals(elements, chromium.evaluate("document.getElementsByTagName('*').length").asInt());
            chromium.screenshot(SCREENSHOT.resolveSibling("live-page-16.png"));
            assertEquals(List.of(), chromium.problems());
        }
    }

    @Test
    void shouldShowTheClassSharesOnlyWhenOverlaysAreOff() throws Exception {
        assumeTrue(HeadlessChromium.available(), HeadlessChromium.BINARY + " is not installed");
        LiveFixtures fixtures = new LiveFixtures(tmp.resolve("out"), "none");
        fixtures.write("gate-3", 0, 0);
        try (LivePage page = new LivePage(fixtures.view()); LiveServer server = new LiveServer(page);
                HeadlessChromium chromium = HeadlessChromium.start(tmp.resolve("chromium"))) {
            chromium.open(server.uri("/"), 1280, 720);
            chromium.waitFor(CARDS + ".length === 1 && document.querySelector('.card .picture').hidden"
                    + " && document.querySelectorAll('.class-row:not([hidden])').length === 5", WAIT);
            assertEquals(0, chromium.evaluate("document.querySelector('.card .picture').offsetHeight").asInt());
            assertEquals("", chromium.evaluate("document.querySelector('.card img.overlay').src").asText());
            assertEquals(List.of(), chromium.problems());
        }
    }

    private static void writeRound(LiveFixtures fixtures, List<String> cameras, long seq) throws Exception {
        for (int i = 0; i < cameras.size(); i++) {
            fixtures.write(cameras.get(i), i, seq);
        }
    }

    /** A condition: {@code cards} cards, each showing frame {@code seq} and its loaded overlay. */
    private static String everyCardShows(int cards, long seq) {
        return CARDS + ".length === " + cards + " && " + CARDS + ".every(c => c.dataset.overlay === '" + seq + "'"
                + " && c.dataset.sequence === '" + seq + "' && c.querySelector('img.overlay').complete"
                + " && c.querySelector('img.overlay').naturalWidth > 0"
                + " && c.querySelector('[data-field=fps]').textContent !== '')";
    }

    private static List<String> topClasses(CameraSnapshot camera) {
        return IntStream.range(0, Cityscapes.NUM_CLASSES).boxed()
                .filter(c -> camera.classShare(c) > 0)
                .sorted(Comparator.comparingDouble(c -> -camera.classShare(c)))
                .limit(5)
                .map(Cityscapes::name)
                .toList();
    }

    private static String text(HeadlessChromium chromium, String selector) throws Exception {
        return chromium.evaluate("document.querySelector(\"" + selector + "\").textContent").asText();
    }

    private static List<String> texts(HeadlessChromium chromium, String selector) throws Exception {
        List<String> texts = new ArrayList<>();
        for (JsonNode text : chromium.evaluate(
                "[...document.querySelectorAll(\"" + selector + "\")].map(e => e.textContent)")) {
            texts.add(text.asText());
        }
        return texts;
    }
}
