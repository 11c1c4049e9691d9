package io.spikestream.app.monitor;

import io.spikestream.app.CliRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spikestream demo ... --http-port P --linger 600} run in-process on a thread, for tests that look at what
 * it serves after its summary; {@link #close()} interrupts the linger.
 */
final class LingeringDemo implements AutoCloseable {

    private final int port;
    private final Thread thread;
    private volatile CliRunner.Run run;

    private LingeringDemo(int port, List<String> args) {
        this.port = port;
        this.thread = new Thread(() -> run = CliRunner.run(args.toArray(String[]::new)), "lingering-demo");
    }

    /**
     * Starts the demo and waits until it printed its summary and lingers.
     *
     * @param out the output folder
     * @param frames frames per camera
     * @param cameras synthetic cameras
     * @throws IllegalStateException when the demo ended instead, with what it printed
     */
    static LingeringDemo start(Path out, int frames, int cameras, Duration timeout) throws Exception {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("demo", "--frames", String.valueOf(frames), "--cameras",
                String.valueOf(cameras), "--out", out.toString(), "--http-port", String.valueOf(port),
                "--linger", "600"));
        LingeringDemo demo = new LingeringDemo(port, args);
        demo.thread.start();
        demo.awaitSummary(timeout);
        return demo;
    }

    private void awaitSummary(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (run != null) {
                throw new IllegalStateException("the demo ended before lingering: " + run);
            }
            if (thread.isAlive() && lingering()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the demo did not reach its linger within " + timeout);
    }

    /** Whether the demo is past its summary: the sink's stream has stopped and /health still answers. */
    private boolean lingering() {
        try {
            HttpResponse<String> ready = get("/ready");
            return ready.statusCode() == 503 && ready.body().contains("sink streams state NOT_RUNNING")
                    && get("/health").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The demo's base URI. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    int port() {
        return port;
    }

    /** GET of a path, as text. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri().resolve(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(30_000);
    }
}
