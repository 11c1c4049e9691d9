package io.spikestream.sink.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.sink.stats.FrameStatistics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path out;

    private final List<AutoCloseable> open = new ArrayList<>();
    private LiveFixtures fixtures;
    private LivePage page;
    private LiveServer server;

    private void serve(Duration tick, Duration heartbeat, int maxClients) throws IOException {
        fixtures = new LiveFixtures(out, "jpg");
        page = new LivePage(fixtures.view(), tick, heartbeat, maxClients);
        server = new LiveServer(page);
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        if (server != null) {
            server.close();
            page.close();
        }
    }

    private EventsClient events() throws Exception {
        return keep(new EventsClient(server.uri("/events")));
    }

    private static Map<String, JsonNode> byId(JsonNode message) {
        Map<String, JsonNode> cameras = new HashMap<>();
        message.get("cameras").forEach(c -> cameras.put(c.get("id").asText(), c));
        return cameras;
    }

    @Test
    void shouldSendASnapshotOnConnectThenOnlyTheCamerasThatChanged() throws Exception {
        serve(Duration.ofMillis(50), Duration.ofSeconds(15), 4);
        fixtures.write("cam-a", 0, 0);
        fixtures.write("cam-b", 1, 0);
        EventsClient client = events();
        assertEquals(200, client.response().statusCode());
        assertEquals("text/event-stream; charset=utf-8", client.response().headers().firstValue("Content-Type")
                .orElse(""));
        assertEquals("no-store", client.response().headers().firstValue("Cache-Control").orElse(""));
        assertEquals("nosniff", client.response().headers().firstValue("X-Content-Type-Options").orElse(""));

        EventsClient.Event snapshot = client.next(WAIT);
        assertEquals("snapshot", snapshot.name());
        JsonNode json = snapshot.json();
        assertTrue(json.get("overlays").asBoolean());
        assertEquals(19, json.get("classes").size());
        assertEquals("road", json.get("classes").get(0).get("name").asText());
        assertEquals("#804080", json.get("classes").get(0).get("color").asText());
        Map<String, JsonNode> cameras = byId(json);
        assertEquals(2, cameras.size());
        assertEquals(0, cameras.get("cam-b").get("overlay").asLong());
        assertEquals(19, cameras.get("cam-b").get("shares").size());
        assertTrue(cameras.get("cam-b").get("fps").isNull());
        assertEquals(80, cameras.get("cam-b").get("latencyP50").asDouble(), 1e-9);

        fixtures.write("cam-b", 1, 1);
        Map<String, JsonNode> update = byId(client.next(WAIT).json());
        assertEquals(List.of("cam-b"), List.copyOf(update.keySet()));
        assertEquals(1, update.get("cam-b").get("sequence").asLong());
        assertEquals(2, update.get("cam-b").get("written").asLong());
        assertEquals(1, update.get("cam-b").get("overlay").asLong());

        fixtures.write("cam-c", 2, 0);
        EventsClient.Event added = client.next(WAIT);
        assertEquals("update", added.name());
        assertEquals(List.of("cam-c"), List.copyOf(byId(added.json()).keySet()));
    }

    @Test
    void shouldSendAHeartbeatCommentWhenNothingChanges() throws Exception {
        serve(Duration.ofMillis(20), Duration.ofMillis(200), 4);
        EventsClient client = events();
        assertEquals("snapshot", client.next(WAIT).name());
        EventsClient.Event heartbeat = client.next(WAIT);
        assertEquals(":", heartbeat.name());
        assertEquals("heartbeat", heartbeat.data());
    }

    @Test
    void shouldAnswerHeadOnEventsWithoutAStream() throws Exception {
        serve(Duration.ofMillis(20), Duration.ofSeconds(15), 4);
        HttpResponse<byte[]> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/events"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(0, page.eventClients());
    }

    @Test
    void shouldNotHoldUpUpdatesOrOtherClientsWhenAClientNeverReads() throws Exception {
        serve(Duration.ofMillis(5), Duration.ofSeconds(15), 4);
        List<SegmentationResult> cameras = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String id = "cam-" + i + "-" + "long-id-".repeat(120);
            cameras.add(fixtures.write(id, i, 0));
        }
        EventsClient reader = events();
        assertEquals(16, reader.next(WAIT).json().get("cameras").size());
        keep(neverReadingClient());
        awaitTrue(() -> page.eventClients() == 2, "two clients");
        long[] warmUp = {16, 0};
        awaitTrue(() -> {
            warmUp[0] = 16 * (feed(cameras, warmUp[0], warmUp[0] + 160) + 1);
            warmUp[1] = aStreamIsInASocketWrite() ? warmUp[1] + 1 : 0;
            return warmUp[1] == 10;
        }, "the client that never reads has filled its connection");

        long start = System.nanoTime();
        long last = feed(cameras, warmUp[0], warmUp[0] + 10_000);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(WAIT) < 0, "10,000 updates took " + took);

        String lastId = cameras.get(15).getCameraId();
        EventsClient.Event latest = reader.next(e -> byId(e.json()).containsKey(lastId)
                && byId(e.json()).get(lastId).get("sequence").asLong() == last, WAIT);
        assertEquals("update", latest.name());
        EventsClient late = events();
        JsonNode snapshot = late.next(WAIT).json();
        assertEquals(16, snapshot.get("cameras").size());
        assertEquals(last, byId(snapshot).get(lastId).get("sequence").asLong());
        assertEquals(3, page.eventClients());
    }

    @Test
    void shouldRefuseClientsBeyondTheLimitAndFreeTheSlotOfAClientThatLeft() throws Exception {
        serve(Duration.ofMillis(20), Duration.ofSeconds(15), 2);
        fixtures.write("cam", 0, 0);
        Socket first = openEvents();
        keep(openEvents());
        String refused = server.rawGet("/events");
        assertTrue(refused.startsWith("HTTP/1.1 503 "), refused);
        assertTrue(refused.toLowerCase(java.util.Locale.ROOT).contains("retry-after: 5"), refused);

        first.close();
        long[] sequence = {1};
        awaitTrue(() -> {
            writeQuietly(sequence[0]++);
            return page.eventClients() == 1;
        }, "the slot of the client that left");
        keep(openEvents());
        assertEquals(2, page.eventClients());
    }

    @Test
    void shouldEndEveryStreamAndRefuseNewOnesWhenClosed() throws Exception {
        serve(Duration.ofMillis(20), Duration.ofSeconds(15), 4);
        EventsClient client = events();
        keep(neverReadingClient());
        awaitTrue(() -> page.eventClients() == 2, "two clients");
        // a client counts from its slot on; its snapshot may still be on the way, and closing would cut it off
        assertEquals("snapshot", client.next(WAIT).name());
        page.close();
        awaitTrue(() -> page.eventClients() == 0, "no clients");
        assertTrue(server.rawGet("/events").startsWith("HTTP/1.1 503 "));
    }

    private long feed(List<SegmentationResult> cameras, long from, long to) {
        long sequence = from / cameras.size();
        List<SegmentationResult> results = new ArrayList<>();
        for (long k = from; k < to; k++) {
            sequence = k / cameras.size();
            results.add(SegmentationResult.newBuilder(cameras.get((int) (k % cameras.size())))
                    .setSequence(sequence).build());
        }
        LiveView view = fixtures.view();
        for (SegmentationResult result : results) {
            view.resultWritten(result, FrameStatistics.of(result, result.getCaptureTime().toEpochMilli() + 90));
        }
        return sequence;
    }

    /** Whether an event stream's thread is inside a socket write (blocked when its client reads nothing). */
    private static boolean aStreamIsInASocketWrite() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().startsWith("live-page-events-"))
                .anyMatch(thread -> Arrays.stream(thread.getValue()).limit(8).anyMatch(frame ->
                        frame.getClassName().equals("sun.nio.ch.SocketChannelImpl")
                                && frame.getMethodName().equals("write")));
    }

    private void writeQuietly(long sequence) {
        try {
            fixtures.write("cam", 0, sequence);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A client with a tiny receive buffer that asks for the events and then reads nothing. */
    private Socket neverReadingClient() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        request(socket);
        return socket;
    }

    /** A client that has read the status line of its event stream. */
    private Socket openEvents() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(5_000);
        request(socket);
        String status = statusLine(socket.getInputStream());
        assertTrue(status.startsWith("HTTP/1.1 200 "), status);
        return socket;
    }

    private static void request(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    private static String statusLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).trim();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
