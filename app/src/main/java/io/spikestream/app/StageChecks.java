package io.spikestream.app;

import io.spikestream.inference.service.InferenceService;
import io.spikestream.ingest.service.IngestService;
import io.spikestream.monitor.Check;
import io.spikestream.monitor.HealthCheck;
import io.spikestream.sink.SinkService;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/** The health and readiness checks the stage commands share. */
final class StageChecks {

    private StageChecks() {
    }

    /** The inference stage's readiness: streams RUNNING, connected to Kafka, model loaded. */
    static HealthCheck[] inference(InferenceService service) {
        return new HealthCheck[] {streamsRunning("infer", service::state), kafka("infer", service::kafkaConnected),
            () -> service.modelLoaded() ? Check.up("model", "loaded")
                    : Check.down("model", "not loaded (starting, or closed)")};
    }

    /** The sink's readiness: streams RUNNING, connected to Kafka. */
    static HealthCheck[] sink(SinkService service) {
        return new HealthCheck[] {streamsRunning("sink", service::state), kafka("sink", service::kafkaConnected)};
    }

    /** Ingest's readiness: publishing (started and not ended), connected to Kafka. */
    static HealthCheck[] ingest(IngestService service) {
        HealthCheck publishing = () -> {
            String detail = "frames acknowledged " + service.progress().framesAcknowledged();
            return service.isRunning() ? Check.up("ingest", "publishing, " + detail)
                    : Check.down("ingest", "not publishing (not started, or ended), " + detail);
        };
        return new HealthCheck[] {publishing, kafka("ingest", service::kafkaConnected)};
    }

    /** Ready while the stage's Kafka Streams client is RUNNING. */
    private static HealthCheck streamsRunning(String stage, Supplier<KafkaStreams.State> state) {
        return () -> {
            KafkaStreams.State now = state.get();
            String detail = stage + " streams state " + (now == null ? "not started" : now);
            return now == KafkaStreams.State.RUNNING ? Check.up(stage + "-streams", detail)
                    : Check.down(stage + "-streams", detail);
        };
    }

    private static HealthCheck kafka(String stage, BooleanSupplier connected) {
        return () -> connected.getAsBoolean() ? Check.up(stage + "-kafka", "connected")
                : Check.down(stage + "-kafka", "no connection to Kafka (not started yet, or an outage: see the log)");
    }

    /** Alive until the stage's stream threads failed (a restart is then what helps). */
    static HealthCheck notFailed(String stage, CompletableFuture<Throwable> failure) {
        return () -> failed(stage, Optional.ofNullable(failure.getNow(null)));
    }

    /** Alive until ingest failed. */
    static HealthCheck notFailed(String stage, Supplier<Optional<Throwable>> failure) {
        return () -> failed(stage, failure.get());
    }

    private static Check failed(String stage, Optional<Throwable> failure) {
        return failure.map(e -> Check.down(stage, "failed: " + e))
                .orElseGet(() -> Check.up(stage, "no failure"));
    }
}
