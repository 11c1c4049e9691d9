package io.spikestream.sink.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Chrome DevTools Protocol over the JDK's WebSocket: commands (optionally to a flat session) answered by
 * id, and events handed to a listener.
 */
final class DevToolsSocket implements WebSocket.Listener, AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder message = new StringBuilder();
    private final Consumer<JsonNode> events;
    private WebSocket socket;

    private DevToolsSocket(Consumer<JsonNode> events) {
        this.events = events;
    }

    /** Connects to {@code uri} (a {@code ws://} DevTools address); {@code events} gets every event message. */
    static DevToolsSocket connect(URI uri, Consumer<JsonNode> events) throws IOException, InterruptedException {
        DevToolsSocket devTools = new DevToolsSocket(events);
        try {
            devTools.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, devTools).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot open the DevTools WebSocket " + uri, e);
        }
        return devTools;
    }

    /**
     * Sends a command and waits for its result.
     *
     * @param sessionId the target session, or null for the browser
     * @throws IOException when the browser answers with an error or not within {@code timeout}
     */
    JsonNode call(String sessionId, String method, ObjectNode params, Duration timeout)
            throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            command.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (this) {
                socket.sendText(command.toString(), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            JsonNode reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.has("error")) {
                throw new IOException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(method + " got no answer within " + timeout, e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        message.append(data);
        if (last) {
            JsonNode json = parse(message.toString());
            message.setLength(0);
            if (json.has("id")) {
                CompletableFuture<JsonNode> answer = pending.get(json.get("id").asInt());
                if (answer != null) {
                    answer.complete(json);
                }
            } else {
                events.accept(json);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        pending.values().forEach(answer -> answer.completeExceptionally(error));
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
