package io.spikestream.app;

import io.spikestream.sink.SinkConfig;
import io.spikestream.sink.SinkService;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    @Option(names = "--output-dir", description = "Where to write per-camera folders (default: spikestream-out)")
    Path outputDir;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> flags = new HashMap<>();
        flags.put(SinkConfig.OUTPUT_DIR_CONFIG, outputDir);
        SinkConfig config = new SinkConfig(stage.resolve(SinkConfig.configDef(), flags));
        CountDownLatch stopped = new CountDownLatch(1);
        try (SinkService service = new SinkService(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                stopped.countDown();
            }, "sink-shutdown"));
            service.start();
            System.err.println("sink running, writing to " + config.getString(SinkConfig.OUTPUT_DIR_CONFIG)
                    + "; Ctrl-C to stop");
            stopped.await();
        }
        return 0;
    }
}
