package io.spikestream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.apache.avro.Schema;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Confluent-compatible registry on 127.0.0.1 (ephemeral port) serving the two calls the client
 * makes, with global ids shared across subjects, Confluent's error bodies, and a request log.
 */
final class FakeSchemaRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(-?\\d+)");

    private final HttpServer server;
    private final Map<String, Integer> idsBySchema = new ConcurrentHashMap<>();
    private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
    private volatile int failWithStatus;

    FakeSchemaRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stores {@code schema} as the registry would and returns its id, without an HTTP call. */
    int preload(Schema schema) {
        return idFor(schema.toString());
    }

    List<String> requests() {
        return requests;
    }

    String lastHeader(String name) {
        return lastHeaders.get(name.toLowerCase());
    }

    void failWith(int status) {
        failWithStatus = status;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path);
        exchange.getRequestHeaders().forEach((k, v) -> lastHeaders.put(k.toLowerCase(), v.get(0)));
        Matcher register = REGISTER.matcher(path);
        Matcher byId = BY_ID.matcher(path);
        if (failWithStatus != 0) {
            respond(exchange, failWithStatus, error(50001, "Error in the backend data store"));
        } else if ("POST".equals(method) && register.matches()) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            respond(exchange, 200, Map.of("id", idFor(body.get("schema").asText())));
        } else if ("GET".equals(method) && byId.matches()) {
            lookup(exchange, Integer.parseInt(byId.group(1)));
        } else {
            respond(exchange, 404, error(404, "HTTP 404 Not Found"));
        }
    }

    private void lookup(HttpExchange exchange, int id) throws IOException {
        String schema = schemasById.get(id);
        if (schema == null) {
            respond(exchange, 404, error(40403, "Schema " + id + " not found"));
        } else {
            respond(exchange, 200, Map.of("schema", schema));
        }
    }

    private synchronized int idFor(String schemaJson) {
        String canonical = new Schema.Parser().parse(schemaJson).toString();
        Integer id = idsBySchema.get(canonical);
        if (id == null) {
            id = idsBySchema.size() + 1;
            idsBySchema.put(canonical, id);
            schemasById.put(id, canonical);
        }
        return id;
    }

    private static Map<String, Object> error(int code, String message) {
        return Map.of("error_code", code, "message", message);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
