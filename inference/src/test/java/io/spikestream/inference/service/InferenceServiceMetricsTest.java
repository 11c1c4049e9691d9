package io.spikestream.inference.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferenceServiceMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private static InferenceService service() {
        return new InferenceService(new InferenceConfig(Map.of(InferenceConfig.TOPICS_CREATE_CONFIG, false)), c -> {
            throw new IOException("no model in this test");
        });
    }

    @Test
    void shouldRegisterTheStageMetersWhenBound() {
        try (InferenceService service = service()) {
            service.bindMetrics(registry);
            assertEquals(0, registry.get("spikestream.frames.received").functionCounter().count());
            assertEquals(7, registry.find("spikestream.dead.letters").tag("stage", "infer").functionCounters().size());
        }
    }

    @Test
    void shouldRefuseBindingTwice() {
        try (InferenceService service = service()) {
            service.bindMetrics(registry);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> service.bindMetrics(registry));
            assertTrue(e.getMessage().contains("bound already"), e.getMessage());
        }
    }

    @Test
    void shouldRefuseBindingAfterStart() {
        try (InferenceService service = service()) {
            assertThrows(IOException.class, service::start);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> service.bindMetrics(registry));
            assertTrue(e.getMessage().contains("before start()"), e.getMessage());
            assertTrue(registry.getMeters().isEmpty());
        }
    }

    @Test
    void shouldNotBeReadyBeforeStart() {
        try (InferenceService service = service()) {
            assertFalse(service.kafkaConnected());
            assertFalse(service.modelLoaded());
            assertNull(service.state());
        }
    }
}
