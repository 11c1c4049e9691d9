package io.spikestream.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A caching client for the Confluent schema-registry REST API (also served by Apicurio's {@code
 * ccompat} API, Redpanda and Karapace), using only the JDK HttpClient and Jackson:
 *
 * <ul>
 *   <li>{@code POST /subjects/{subject}/versions} with {@code {"schema": "..."}} registers a schema
 *       (or finds it) and answers {@code {"id": n}};
 *   <li>{@code GET /schemas/ids/{id}} answers {@code {"schema": "..."}}.
 * </ul>
 *
 * Both answers are cached for the life of the client: ids are immutable, so each schema is
 * registered and each writer schema fetched once. Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Duration timeout;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {}

    /**
     * @param baseUrl registry base URL, e.g. {@code http://localhost:8081} (a trailing slash is
     *     fine)
     * @param timeout connect and request timeout of each call
     * @param userInfo optional {@code user:password} for HTTP basic authentication
     */
    public HttpSchemaRegistryClient(URI baseUrl, Duration timeout, Optional<String> userInfo) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
        this.timeout = timeout;
        this.authorization =
                userInfo.map(
                        u ->
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        u.getBytes(StandardCharsets.UTF_8)));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A client from the {@code schema.registry.*} settings; the URL must be set. */
    public static HttpSchemaRegistryClient from(SchemasConfig config) {
        URI url =
                config.schemaRegistryUrl()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                SchemasConfig.SCHEMA_REGISTRY_URL_CONFIG
                                                        + " is not set"));
        Duration timeout =
                Duration.ofMillis(config.getInt(SchemasConfig.SCHEMA_REGISTRY_TIMEOUT_MS_CONFIG));
        return new HttpSchemaRegistryClient(url, timeout, config.schemaRegistryUserInfo());
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        String path =
                "subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions";
        JsonNode answer = send(post(path, schemaBody(schema)));
        int id = requireField(answer, "id", path).asInt();
        LOG.info(
                "Schema {} registered under subject {} with id {}",
                schema.getFullName(),
                subject,
                id);
        idsBySubjectSchema.putIfAbsent(key, id);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String path = "schemas/ids/" + id;
        JsonNode answer = send(get(path));
        requireAvro(answer, path);
        Schema schema = parse(requireField(answer, "schema", path).asText(), path);
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    private static String schemaBody(Schema schema) {
        try {
            return JSON.writeValueAsString(Map.of("schema", schema.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a JSON string", e);
        }
    }

    private HttpRequest post(String path, String body) {
        return request(path)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", CONTENT_TYPE)
                .build();
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(baseUrl.resolve(path))
                        .timeout(timeout)
                        .header("Accept", CONTENT_TYPE + ", application/json");
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private JsonNode send(HttpRequest request) {
        String target = request.method() + " " + request.uri();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryException("Schema registry " + target + " failed: " + e, e);
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
        JsonNode body = readJson(response.body(), target);
        if (response.statusCode() / 100 != 2) {
            throw errorResponse(target, response.statusCode(), body);
        }
        return body;
    }

    private static JsonNode readJson(String text, String target) {
        try {
            return JSON.readTree(text.isEmpty() ? "{}" : text);
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(
                    "Schema registry " + target + " answered with non-JSON: " + abbreviate(text),
                    e);
        }
    }

    private static SchemaRegistryException errorResponse(String target, int status, JsonNode body) {
        int errorCode = body.path("error_code").asInt(0);
        String message = body.path("message").asText("no message");
        return new SchemaRegistryException(
                "Schema registry "
                        + target
                        + " failed: HTTP "
                        + status
                        + ", error_code "
                        + errorCode
                        + ": "
                        + message,
                status,
                errorCode);
    }

    private static JsonNode requireField(JsonNode answer, String field, String path) {
        JsonNode value = answer.get(field);
        if (value == null || value.isNull()) {
            throw new SchemaRegistryException(
                    "Schema registry answer to "
                            + path
                            + " has no '"
                            + field
                            + "': "
                            + abbreviate(answer.toString()),
                    200,
                    0);
        }
        return value;
    }

    private static void requireAvro(JsonNode answer, String path) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!"AVRO".equals(type)) {
            throw new SchemaRegistryException(
                    "Schema " + path + " is of type " + type + ", not AVRO", 200, 0);
        }
    }

    private static Schema parse(String text, String path) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(
                    "Schema " + path + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
