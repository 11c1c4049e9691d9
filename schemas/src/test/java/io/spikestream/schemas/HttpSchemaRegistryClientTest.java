package io.spikestream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.avro.Frame;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class HttpSchemaRegistryClientTest {

    private FakeSchemaRegistry registry;
    private HttpSchemaRegistryClient client;

    @BeforeEach
    void start() throws IOException {
        registry = new FakeSchemaRegistry();
        client =
                new HttpSchemaRegistryClient(
                        registry.url(), Duration.ofSeconds(5), Optional.empty());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void shouldPostOnceUnderSubjectWhenSameSchemaRegisteredTwice() {
        int first = client.register("spikestream.frames-value", Frame.getClassSchema());
        int second = client.register("spikestream.frames-value", Frame.getClassSchema());

        assertEquals(first, second);
        assertEquals(
                List.of("POST /subjects/spikestream.frames-value/versions"), registry.requests());
        assertEquals("application/vnd.schemaregistry.v1+json", registry.lastHeader("Content-Type"));
    }

    @Test
    void shouldReturnGlobalIdWhenSchemaRegisteredUnderTwoSubjects() {
        int frames = client.register("a-value", Frame.getClassSchema());
        int sameSchema = client.register("b-value", Frame.getClassSchema());
        int other = client.register("a-value", DeadLetter.getClassSchema());

        assertEquals(frames, sameSchema);
        assertTrue(other != frames);
        assertEquals(3, registry.requests().size());
    }

    @Test
    void shouldFetchOnceAndParseWhenSchemaLookedUpTwice() {
        int id = registry.preload(Frame.getClassSchema());

        Schema first = client.schemaById(id);
        Schema second = client.schemaById(id);

        assertEquals(Frame.getClassSchema(), first);
        assertSame(first, second);
        assertEquals(List.of("GET /schemas/ids/" + id), registry.requests());
    }

    @Test
    void shouldNameIdAndErrorCodeWhenSchemaIdUnknown() {
        SchemaRegistryException e =
                assertThrows(SchemaRegistryException.class, () -> client.schemaById(99));

        assertEquals(404, e.status());
        assertEquals(40403, e.errorCode());
        assertTrue(
                e.getMessage().contains("GET " + registry.url() + "/schemas/ids/99"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Schema 99 not found"), e.getMessage());
    }

    @Test
    void shouldReportStatusAndMessageWhenRegistryAnswersWithError() {
        registry.failWith(500);

        SchemaRegistryException e =
                assertThrows(
                        SchemaRegistryException.class,
                        () -> client.register("x-value", Frame.getClassSchema()));

        assertEquals(500, e.status());
        assertEquals(50001, e.errorCode());
        assertTrue(e.getMessage().contains("Error in the backend data store"), e.getMessage());
    }

    @Test
    void shouldSendBasicAuthWhenUserInfoConfigured() {
        HttpSchemaRegistryClient authenticated =
                new HttpSchemaRegistryClient(
                        registry.url(), Duration.ofSeconds(5), Optional.of("alice:s3cret"));

        authenticated.register("x-value", Frame.getClassSchema());

        assertEquals("Basic YWxpY2U6czNjcmV0", registry.lastHeader("Authorization"));
    }

    @Test
    void shouldAcceptTrailingSlashWhenBaseUrlHasOne() {
        HttpSchemaRegistryClient slashed =
                new HttpSchemaRegistryClient(
                        URI.create(registry.url() + "/"), Duration.ofSeconds(5), Optional.empty());

        slashed.register("x-value", Frame.getClassSchema());

        assertEquals(List.of("POST /subjects/x-value/versions"), registry.requests());
    }

    @Test
    void shouldNameUrlWhenRegistryUnreachable() {
        URI url = registry.url();
        registry.close();

        SchemaRegistryException e =
                assertThrows(SchemaRegistryException.class, () -> client.schemaById(1));

        assertEquals(0, e.status());
        assertTrue(e.getMessage().contains(url + "/schemas/ids/1"), e.getMessage());
    }

    @Test
    void shouldBuildClientFromConfigWhenUrlSet() {
        SchemasConfig config =
                new SchemasConfig(
                        Map.of(
                                SchemasConfig.SCHEMA_REGISTRY_URL_CONFIG,
                                registry.url().toString()));

        SerdeFactory factory = SerdeFactory.from(config);
        factory.valueSerde(Topics.FRAMES).serializer().serialize("t", SampleRecords.frame());

        assertTrue(factory.usesRegistry());
        assertEquals(List.of("POST /subjects/t-value/versions"), registry.requests());
    }
}
