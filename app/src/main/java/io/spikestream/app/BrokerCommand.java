package io.spikestream.app;

import io.spikestream.app.broker.BrokerMeters;
import io.spikestream.app.broker.EmbeddedBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spikestream broker}: a single-node Kafka broker for running the stages as separate processes locally. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a single-node Kafka broker (KRaft) on 127.0.0.1 until interrupted, so that ingest, infer"
                + " and sink can run as separate processes without a Kafka installation. Data is deleted on exit unless"
                + " --data-dir keeps it.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9092", description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", description = "Keep topics and records in this directory and start on them again"
            + " next time, also after a crash (default: a temporary directory deleted on exit)")
    Path dataDir;

    @Mixin
    HttpOptions http;

    @Override
    public Integer call() throws Exception {
        http.validate();
        EmbeddedBroker broker = dataDir == null ? EmbeddedBroker.start(port) : EmbeddedBroker.startOn(dataDir, port);
        try (ClusterProbe probe = new ClusterProbe(broker.bootstrapServers());
                StageEndpoint endpoint = StageEndpoint.open(http, System.err::println)) {
            endpoint.liveness(probe).readiness(probe);
            BrokerMeters.bindTo(endpoint.registry());
            ShutdownSignal shutdown = ShutdownSignal.closing(broker::close, "broker-shutdown");
            String data = dataDir == null ? "" : " (data kept in " + dataDir + ")";
            System.err.println("Kafka broker listening on " + broker.bootstrapServers() + data + "; Ctrl-C to stop");
            shutdown.await();
        }
        return 0;
    }
}
