package io.spikestream.app.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process) running inside this
 * JVM on loopback ports, for the zero-setup demo and the integration tests.
 *
 * <p>Its data lives in a fresh temporary directory that {@link #close()} deletes. A fatal broker fault
 * raises an exception instead of halting the JVM.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** Largest record the broker accepts; frames are JPEG/PNG and can exceed Kafka's 1 MB default. */
    public static final int MAX_MESSAGE_BYTES = 16 << 20;

    private final Path dir;
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedBroker(Path dir, KafkaRaftServer server, String bootstrapServers) {
        this.dir = dir;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats storage and starts the broker.
     *
     * @return the running broker
     * @throws IOException when the data directory cannot be prepared
     */
    public static EmbeddedBroker start() throws IOException {
        return start(0);
    }

    /**
     * Formats storage and starts the broker on a given loopback port.
     *
     * @param port the client port on 127.0.0.1, or 0 for any free port
     * @return the running broker
     * @throws IOException when the data directory cannot be prepared or the port is taken
     */
    public static EmbeddedBroker start(int port) throws IOException {
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Embedded Kafka broker fault (halt " + code + "): " + message);
        });
        Path dir = Files.createTempDirectory("spikestream-kafka-");
        int brokerPort = port == 0 ? freePort() : port;
        Properties props = serverProperties(dir, brokerPort, freePort());
        format(dir, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        String bootstrap = "127.0.0.1:" + brokerPort;
        LOG.info("Embedded Kafka broker (KRaft) listening on {}", bootstrap);
        return new EmbeddedBroker(dir, server, bootstrap);
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        deleteRecursively(dir);
    }

    static Properties serverProperties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("num.partitions", "1");
        p.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        p.put("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        singleNodeReplication(p);
        p.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner's default 128 MB dedupe buffer is allocated on the heap.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 << 20));
        p.put("log.cleaner.threads", "1");
        return p;
    }

    private static void singleNodeReplication(Properties p) {
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
    }

    private static void format(Path dir, Properties props) throws IOException {
        Path cfg = dir.resolve("server.properties");
        try (OutputStream os = Files.newOutputStream(cfg)) {
            props.store(os, "spikestream embedded broker");
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", cfg.toString()}, ps);
        }
        if (rc != 0) {
            throw new IOException("Formatting Kafka storage in " + dir + " failed (" + rc + "): "
                    + log.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete broker data in " + root, e);
        }
    }
}
