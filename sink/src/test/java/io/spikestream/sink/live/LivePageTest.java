package io.spikestream.sink.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.sink.files.CameraDirectoryNameTest;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivePageTest {

    private static final String SECRET = "top secret, outside the output folder";

    @TempDir
    Path tmp;

    private final HttpClient client = HttpClient.newHttpClient();
    private LivePage page;
    private LiveServer server;

    private LiveFixtures serve(String format) throws Exception {
        LiveFixtures fixtures = new LiveFixtures(tmp.resolve("out"), format);
        page = new LivePage(fixtures.view());
        server = new LiveServer(page);
        return fixtures;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
            page.close();
        }
    }

    private HttpResponse<byte[]> send(String method, String rawPath) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri(rawPath))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    private static void assertSecurityHeaders(HttpResponse<?> response) {
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        String csp = header(response, "Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'none'"), csp);
        assertTrue(csp.contains("script-src 'self';") && csp.contains("connect-src 'self';"), csp);
        assertFalse(csp.contains("unsafe") || csp.contains("http") || csp.contains("*"), csp);
    }

    @Test
    void shouldServeThePageAndItsAssetsWithTheirTypesAndSecurityHeaders() throws Exception {
        serve("jpg");
        Map<String, String> types = Map.of("/", "text/html; charset=utf-8",
                "/live.js", "text/javascript; charset=utf-8", "/live.css", "text/css; charset=utf-8",
                "/favicon.svg", "image/svg+xml");
        for (var route : types.entrySet()) {
            HttpResponse<byte[]> get = send("GET", route.getKey());
            assertEquals(200, get.statusCode(), route.getKey());
            assertEquals(route.getValue(), header(get, "Content-Type"));
            assertTrue(get.body().length > 0);
            assertSecurityHeaders(get);
            HttpResponse<byte[]> head = send("HEAD", route.getKey());
            assertEquals(200, head.statusCode());
            assertEquals(route.getValue(), header(head, "Content-Type"));
            assertEquals(0, head.body().length);
        }
    }

    @Test
    void shouldKeepScriptsOutOfThePageSoThePolicyCanForbidInlineCode() throws Exception {
        serve("jpg");
        String html = new String(send("GET", "/").body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<script src=\"live.js\" defer></script>"));
        assertEquals(1, html.split("<script", -1).length - 1);
        assertFalse(html.matches("(?s).*\\son[a-z]+=.*"), "inline event handler");
        assertFalse(html.contains("style=") || html.contains("<style"), "inline style");
        String js = new String(send("GET", "/live.js").body(), StandardCharsets.UTF_8);
        assertFalse(js.contains("innerHTML") || js.contains("insertAdjacentHTML") || js.contains("eval("));
        assertTrue(js.contains("new EventSource('events')"));
    }

    @Test
    void shouldAnswer404ForOtherPathsAnd405ForOtherMethods() throws Exception {
        LiveFixtures fixtures = serve("jpg");
        fixtures.write("cam-0", 0, 0);
        for (String path : List.of("/nope", "/index.html.bak", "/live.js/x", "/cameras", "/cameras/",
                "/cameras/cam-0", "/cameras/cam-0/", "/cameras/cam-0/overlay/x", "/cameras/cam-0/mask",
                "/events/x", "/metrics.js")) {
            HttpResponse<byte[]> response = send("GET", path);
            assertEquals(404, response.statusCode(), path);
            assertSecurityHeaders(response);
        }
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            for (String path : List.of("/", "/events", "/cameras/cam-0/overlay", "/nope")) {
                HttpResponse<byte[]> response = send(method, path);
                assertEquals(405, response.statusCode(), method + " " + path);
                assertEquals("GET, HEAD", header(response, "Allow"));
            }
        }
    }

    @Test
    void shouldServeTheLatestOverlayOfAKnownCamera() throws Exception {
        LiveFixtures fixtures = serve("jpg");
        for (int seq = 0; seq < 3; seq++) {
            fixtures.write("cam-0", 0, seq);
        }
        HttpResponse<byte[]> response = send("GET", "/cameras/cam-0/overlay?v=2");
        assertEquals(200, response.statusCode());
        assertEquals("image/jpeg", header(response, "Content-Type"));
        assertEquals("no-store", header(response, "Cache-Control"));
        assertSecurityHeaders(response);
        Path file = fixtures.layout().overlayFile("cam-0", 2, "jpg");
        assertArrayEquals(Files.readAllBytes(file), response.body());
        assertEquals(0, send("HEAD", "/cameras/cam-0/overlay").body().length);
    }

    @Test
    void shouldServePngOverlaysAsPng() throws Exception {
        LiveFixtures fixtures = serve("png");
        fixtures.write("cam-0", 0, 0);
        HttpResponse<byte[]> response = send("GET", "/cameras/cam-0/overlay");
        assertEquals("image/png", header(response, "Content-Type"));
        assertArrayEquals(Files.readAllBytes(fixtures.layout().overlayFile("cam-0", 0, "png")), response.body());
    }

    @Test
    void shouldAnswer404WhenTheCameraHasNoOverlay() throws Exception {
        LiveFixtures fixtures = serve("none");
        fixtures.write("cam-0", 0, 0);
        assertEquals(404, send("GET", "/cameras/cam-0/overlay").statusCode());
    }

    @Test
    void shouldAnswer404WhenTheOverlayFileIsGone() throws Exception {
        LiveFixtures fixtures = serve("jpg");
        fixtures.write("cam-0", 0, 0);
        Files.delete(fixtures.layout().overlayFile("cam-0", 0, "jpg"));
        assertEquals(404, send("GET", "/cameras/cam-0/overlay").statusCode());
    }

    @Test
    void shouldServeEachOddCameraIdItsOwnOverlayByItsEncodedId() throws Exception {
        LiveFixtures fixtures = serve("png");
        List<String> ids = CameraDirectoryNameTest.DANGEROUS;
        for (int i = 0; i < ids.size(); i++) {
            fixtures.write(ids.get(i), i, i);
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            HttpResponse<byte[]> response = send("GET", "/cameras/" + encodeUriComponent(id) + "/overlay");
            assertEquals(200, response.statusCode(), id);
            assertArrayEquals(Files.readAllBytes(fixtures.layout().overlayFile(id, i, "png")), response.body(), id);
        }
    }

    @Test
    void shouldAnswer404WhenThePathTriesToLeaveTheCameras() throws Exception {
        LiveFixtures fixtures = serve("png");
        fixtures.write("cam-0", 0, 0);
        fixtures.write("x", 1, 0);
        Path secret = tmp.resolve("secret.png");
        Files.writeString(secret, SECRET);
        Files.writeString(fixtures.layout().root().resolve("secret.png"), SECRET);
        for (String path : List.of("/cameras/..%2F..%2Fsecret.png/overlay", "/cameras/%2e%2e/overlay",
                "/cameras/%2E%2E%2Fsecret.png/overlay", "/cameras/../overlay", "/cameras/cam-0/../x/overlay",
                "/cameras/cam-0/..%2F..%2Fsecret.png", "/cameras/cam-0%2F..%2F..%2Fsecret.png/overlay",
                "/cameras/..%2Fx/overlay", "/cameras/x%2F..%2Fcam-0/overlay", "/cameras/%2Fx/overlay",
                "/cameras/%5C..%5Csecret.png/overlay", "/cameras/%c0%ae%c0%ae/overlay",
                "/cameras/cam-0%00/overlay", "/cameras//overlay", "//secret.png",
                "/cameras/cam-0/overlay/..", "/..%2Fsecret.png", "/%2e%2e/%2e%2e/secret.png", "/../secret.png",
                "/secret.png", "/live.js%00.png", "/cameras/CAM-0/overlay", "/cameras/cam-0%20/overlay",
                "/cameras/cam%2D0%2F/overlay", "/cameras/" + SECRET.length() + "/overlay")) {
            String response = server.rawGet(path);
            assertTrue(response.startsWith("HTTP/1.1 404 "), () -> path + " -> " + response.lines().findFirst());
            assertFalse(response.contains(SECRET), path);
        }
        for (String malformed : List.of("/cameras/%zz/overlay", "/cameras/%2/overlay")) {
            assertTrue(server.rawGet(malformed).startsWith("HTTP/1.1 400 "), malformed);
        }
        assertTrue(server.rawGet("/cameras/cam%2D0/overlay").startsWith("HTTP/1.1 200 "));
    }

    /** What the page's {@code encodeURIComponent} makes of an id (enough for the ids under test). */
    static String encodeUriComponent(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
