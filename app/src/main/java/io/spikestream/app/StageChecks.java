package io.spikestream.app;

import io.spikestream.ingest.service.IngestService;
import io.spikestream.monitor.Check;
import io.spikestream.monitor.HealthCheck;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/** The health and readiness checks the stage commands share. */
final class StageChecks {

    private StageChecks() {
    }

    /** Ready while the stage's Kafka Streams client is RUNNING. */
    static HealthCheck streamsRunning(String stage, Supplier<KafkaStreams.State> state) {
        return () -> {
            KafkaStreams.State now = state.get();
            String detail = stage + " streams state " + now;
            return now == KafkaStreams.State.RUNNING ? Check.up(stage + "-streams", detail)
                    : Check.down(stage + "-streams", detail);
        };
    }

    /** Ready while ingest publishes: started and not ended. */
    static HealthCheck ingestRunning(IngestService service) {
        return () -> {
            String detail = "frames acknowledged " + service.progress().framesAcknowledged();
            return service.isRunning() ? Check.up("ingest", "publishing, " + detail)
                    : Check.down("ingest", "not publishing (not started, or ended), " + detail);
        };
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
