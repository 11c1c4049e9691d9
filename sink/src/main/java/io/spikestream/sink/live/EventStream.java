package io.spikestream.sink.live;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's server-sent events, written by its own thread: a snapshot of every camera, then every tick the
 * cameras whose snapshot changed since this client was last sent them, and a comment as heartbeat when nothing
 * was sent for a while. Nothing queues up: a client that reads slowly blocks only this thread and, when it
 * reads again, gets each camera's latest state once. A write that fails (the browser left) ends the stream.
 */
final class EventStream implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final String RETRY = "retry: 2000\n";

    private final HttpExchange exchange;
    private final LiveView view;
    private final Duration tick;
    private final Duration heartbeat;
    private final BooleanSupplier closed;
    private final Map<String, Long> sentVersions = new HashMap<>();
    private long lastWriteNanos;

    EventStream(HttpExchange exchange, LiveView view, Duration tick, Duration heartbeat, BooleanSupplier closed) {
        this.exchange = exchange;
        this.view = view;
        this.tick = tick;
        this.heartbeat = heartbeat;
        this.closed = closed;
    }

    @Override
    public void run() {
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            stream(out);
        } catch (IOException e) {
            LOG.debug("Live page event client {} left: {}", exchange.getRemoteAddress(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stream(OutputStream out) throws IOException, InterruptedException {
        long seen = view.changes();
        write(out, RETRY + event("snapshot", LiveJson.snapshot(view.overlays(), changed())));
        while (!closed.getAsBoolean()) {
            Thread.sleep(tick.toMillis());
            long changes = view.changes();
            if (changes != seen) {
                seen = changes;
                List<CameraSnapshot> changed = changed();
                if (!changed.isEmpty()) {
                    write(out, event("update", LiveJson.update(changed)));
                }
            }
            if (System.nanoTime() - lastWriteNanos >= heartbeat.toNanos()) {
                write(out, ": heartbeat\n\n");
            }
        }
    }

    /** The cameras whose snapshot this client has not been sent yet, marked as sent. */
    private List<CameraSnapshot> changed() {
        List<CameraSnapshot> changed = new ArrayList<>();
        for (CameraSnapshot camera : view.cameras()) {
            Long sent = sentVersions.put(camera.cameraId(), camera.version());
            if (sent == null || sent != camera.version()) {
                changed.add(camera);
            }
        }
        return changed;
    }

    private static String event(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }

    private void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        lastWriteNanos = System.nanoTime();
    }
}
