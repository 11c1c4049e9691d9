package io.spikestream.app;

import io.spikestream.sink.SinkConfig;
import io.spikestream.sink.SinkService;
import io.spikestream.sink.replay.OutputConflictException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spikestream sink}: masks, overlays, per-frame statistics and windowed statistics. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Write trainId masks, colour overlays and per-frame statistics per camera, publish windowed"
                + " class statistics for dashboards, and score against ground truth when frames carry it."
                + " Runs until interrupted.")
final class SinkCommand implements Callable<Integer> {

    @Mixin
    StageOptions stage;

    @Mixin
    HttpOptions http;

    @Option(names = "--output-dir", description = "Where to write per-camera folders (default: spikestream-out)")
    Path outputDir;

    @Option(names = "--stats-format", paramLabel = "FORMAT", description = "The statistics topic's encoding: avro"
            + " (default; the registry's format with --schema-registry-url) or json (readable by kafka-ui, AKHQ, kcat"
            + " without a registry)")
    String statsFormat;

    /** A conflict in the output folder is the user's to fix (one line); anything else keeps its trace. */
    private static Exception failed(Throwable failure) {
        Throwable cause = SinkService.rootCause(failure);
        if (cause instanceof OutputConflictException conflict) {
            return conflict;
        }
        return new IllegalStateException("the sink's stream thread failed: " + cause, failure);
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> flags = new HashMap<>();
        flags.put(SinkConfig.OUTPUT_DIR_CONFIG, outputDir);
        flags.put(SinkConfig.STATS_FORMAT_CONFIG, statsFormat);
        SinkConfig config = new SinkConfig(stage.resolve(SinkConfig.configDef(), flags));
        try (SinkService service = new SinkService(config);
                StageEndpoint endpoint = StageEndpoint.open(http, System.err::println)) {
            endpoint.liveness(StageChecks.notFailed("sink", service.failure())).readiness(StageChecks.sink(service));
            service.bindMetrics(endpoint.registry());
            endpoint.mountRoot(service.livePage());
            ShutdownSignal shutdown = ShutdownSignal.closing(service::close, "sink-shutdown");
            service.start();
            System.err.println("sink running, writing to " + config.getString(SinkConfig.OUTPUT_DIR_CONFIG)
                    + "; Ctrl-C to stop");
            Throwable failure = shutdown.awaitOr(service.failure());
            if (failure != null) {
                throw failed(failure);
            }
        }
        return 0;
    }
}
