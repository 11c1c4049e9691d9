package io.spikestream.sink.live;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The headers every live page response carries, and whole-body responses. */
final class Responses {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String NO_STORE = "no-store";
    static final String NO_CACHE = "no-cache";

    private Responses() {
    }

    /** Sets the content type, caching and the security headers. */
    static void headers(HttpExchange exchange, String contentType, String cacheControl) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", cacheControl);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("Referrer-Policy", "no-referrer");
    }

    /** Sends {@code body} (headers only for HEAD) and ends the exchange. */
    static void send(HttpExchange exchange, int status, String contentType, String cacheControl, byte[] body)
            throws IOException {
        headers(exchange, contentType, cacheControl);
        try (exchange) {
            if (isHead(exchange) || body.length == 0) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Sends a short plain-text status message and ends the exchange. */
    static void status(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", NO_STORE,
                (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static boolean isHead(HttpExchange exchange) {
        return "HEAD".equals(exchange.getRequestMethod());
    }
}
