package io.spikestream.sink.live;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A JDK HttpServer on 127.0.0.1 and a free port with one handler at "/" (the default, one-thread executor). */
public final class LiveServer implements AutoCloseable {

    private final HttpServer server;

    public LiveServer(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URI of {@code rawPath} (already encoded) on this server. */
    public URI uri(String rawPath) {
        return URI.create("http://127.0.0.1:" + port() + rawPath);
    }

    /** The status line and everything after it of a GET of {@code rawPath} sent byte for byte, no client rewriting. */
    public String rawGet(String rawPath) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
