package io.spikestream.sink.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The sink's live page as an {@link HttpHandler} to mount at context {@code "/"}: for every camera of a
 * {@link LiveView} its latest overlay, class shares and numbers, updated live. Routes (GET and HEAD only, 405
 * otherwise; anything else 404):
 * <ul>
 *   <li>{@code /}, {@code /live.js}, {@code /live.css}, {@code /favicon.svg}: the page, from the classpath;
 *   <li>{@code /events}: server-sent events, a {@code snapshot} of every camera on connect, then an
 *       {@code update} with the cameras that changed, at most one per tick (300 ms), and a comment every 15 s
 *       when idle; at most {@value #MAX_EVENT_CLIENTS} at once (503 beyond), each on its own thread, so a slow
 *       or vanished browser holds up neither the sink nor other browsers;
 *   <li>{@code /cameras/<camera id, percent-encoded>/overlay}: the latest overlay of a camera of the view
 *       (never a path made from the URL), 404 for an unknown id, a camera without overlay or a file gone.
 * </ul>
 * Every response has {@code X-Content-Type-Options: nosniff} and a Content-Security-Policy allowing only the
 * page's own origin. {@link #close()} ends the event streams.
 */
public final class LivePage implements HttpHandler, AutoCloseable {

    /** The most event streams served at once. */
    public static final int MAX_EVENT_CLIENTS = 32;
    /** How often an event stream looks for changed cameras. */
    public static final Duration TICK = Duration.ofMillis(300);
    /** How long an event stream may stay silent before it sends a comment. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final LiveView view;
    private final Assets assets = new Assets();
    private final EventClients events;

    /** The page of {@code view} with the default tick, heartbeat and client limit. */
    public LivePage(LiveView view) {
        this(view, TICK, HEARTBEAT, MAX_EVENT_CLIENTS);
    }

    LivePage(LiveView view, Duration tick, Duration heartbeat, int maxEventClients) {
        this.view = view;
        this.events = new EventClients(view, tick, heartbeat, maxEventClients);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            Responses.status(exchange, 405, "method not allowed");
            return;
        }
        String path = exchange.getRequestURI().getRawPath();
        Optional<Assets.Asset> asset = assets.at(path);
        if (asset.isPresent()) {
            Responses.send(exchange, 200, asset.get().contentType(), Responses.NO_CACHE, asset.get().bytes());
        } else if ("/events".equals(path) && !Responses.isHead(exchange)) {
            events.open(exchange);
        } else if ("/events".equals(path)) {
            Responses.send(exchange, 200, "text/event-stream; charset=utf-8", Responses.NO_STORE, new byte[0]);
        } else {
            overlay(exchange, CameraPath.overlayCamera(path).flatMap(view::camera));
        }
    }

    /** Event streams open now. */
    public int eventClients() {
        return events.open();
    }

    /** Ends every event stream and refuses new ones (503); the other routes keep working. */
    @Override
    public void close() {
        events.close();
    }

    private static void overlay(HttpExchange exchange, Optional<CameraSnapshot> camera) throws IOException {
        Path file = camera.map(CameraSnapshot::overlayFile).orElse(null);
        byte[] image = file == null ? null : readIfPresent(file);
        if (image == null) {
            Responses.status(exchange, 404, "not found");
            return;
        }
        String type = file.getFileName().toString().endsWith(".png") ? "image/png" : "image/jpeg";
        Responses.send(exchange, 200, type, Responses.NO_STORE, image);
    }

    /** The whole file, or null when it is gone or unreadable (the sink replaces files atomically). */
    private static byte[] readIfPresent(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }
}
