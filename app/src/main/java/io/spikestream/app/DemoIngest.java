package io.spikestream.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.spikestream.ingest.config.IngestConfig;
import io.spikestream.ingest.service.IngestProgress;
import io.spikestream.ingest.service.IngestService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** The ingest stages of a demo's cameras, one {@link IngestService} (and publishing thread) per camera. */
final class DemoIngest implements AutoCloseable {

    private final List<IngestService> services = new ArrayList<>();

    /**
     * Starts publishing every camera; each publishes on a thread of its own, so all run at once.
     *
     * @param cameras the cameras
     * @param settings the ingest settings of a camera
     * @param registry where each camera's ingest meters go
     * @throws IOException when a source cannot be opened or the frames topic cannot be created
     */
    DemoIngest(List<DemoCamera> cameras, Function<DemoCamera, Map<String, Object>> settings, MeterRegistry registry)
            throws IOException {
        try {
            for (DemoCamera camera : cameras) {
                IngestService service = IngestService.builder(new IngestConfig(settings.apply(camera)))
                        .optMeterRegistry(registry).build();
                services.add(service);
                service.start();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The first camera's failure, if any has failed. */
    Optional<Throwable> failure() {
        return services.stream().flatMap(s -> s.failure().stream()).findFirst();
    }

    /** Whether any camera is still publishing. */
    boolean isRunning() {
        return services.stream().anyMatch(IngestService::isRunning);
    }

    /** Frames sent by all cameras. */
    long framesSent() {
        return sum(IngestProgress::framesSent);
    }

    /** Frames the broker acknowledged, of all cameras. */
    long framesAcknowledged() {
        return sum(IngestProgress::framesAcknowledged);
    }

    /** Frames live cameras dropped before publishing them, of all cameras. */
    long framesDropped() {
        return sum(IngestProgress::framesDropped);
    }

    private long sum(ToLongFunction<IngestProgress> counter) {
        return services.stream().map(IngestService::progress).mapToLong(counter).sum();
    }

    /** Stops every camera's publishing (each flushes its producer). */
    @Override
    public void close() {
        services.forEach(IngestService::close);
    }
}
