package io.spikestream.app.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * <p>Its data lives either in a fresh temporary directory that {@link #close()} deletes, or in a kept data
 * directory ({@link #startOn(Path, int)}) that a later broker, in this or another JVM, starts on again with the
 * same ports, topics and records, also after the previous one was killed. A fatal broker fault raises an
 * exception instead of halting the JVM.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** Largest record the broker accepts; frames are JPEG/PNG and can exceed Kafka's 1 MB default. */
    public static final int MAX_MESSAGE_BYTES = 16 << 20;

    static final String CONFIG_FILE = "server.properties";

    private final Path dir;
    private final boolean kept;
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedBroker(Path dir, boolean kept, KafkaRaftServer server, String bootstrapServers) {
        this.dir = dir;
        this.kept = kept;
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
        Path dir = Files.createTempDirectory("spikestream-kafka-");
        return launch(dir, false, serverProperties(dir, port == 0 ? freePort() : port, freePort()));
    }

    /**
     * Starts the broker on a data directory that is kept: formats it when it holds no broker yet (creating it
     * if needed), otherwise starts on its topics and records with the controller port saved there.
     *
     * @param dataDir the data directory, kept by {@link #close()}
     * @param port the client port on 127.0.0.1; 0 for the port saved in {@code dataDir}, or any free port
     *     when there is none
     * @return the running broker
     * @throws IOException when the directory cannot be prepared or read, or the port is taken
     */
    public static EmbeddedBroker startOn(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        Path cfg = dataDir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(cfg)) {
            return launch(dataDir, true, serverProperties(dataDir, port == 0 ? freePort() : port, freePort()));
        }
        Properties saved = readProperties(cfg);
        int brokerPort = port == 0 ? portOf(saved.getProperty("advertised.listeners")) : port;
        Properties props = serverProperties(dataDir, brokerPort, portOf(saved.getProperty("controller.quorum.voters")));
        LOG.info("Restarting the Kafka broker on its data in {}", dataDir);
        return launch(dataDir, true, props);
    }

    private static EmbeddedBroker launch(Path dir, boolean kept, Properties props) throws IOException {
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Embedded Kafka broker fault (halt " + code + "): " + message);
        });
        writeProperties(dir.resolve(CONFIG_FILE), props);
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            format(dir);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        String bootstrap = props.getProperty("advertised.listeners").substring("PLAINTEXT://".length());
        LOG.info("Embedded Kafka broker (KRaft) listening on {}", bootstrap);
        return new EmbeddedBroker(dir, kept, server, bootstrap);
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The directory holding the broker's configuration and data. */
    public Path dataDir() {
        return dir;
    }

    /** Stops the broker and deletes its data unless it was started on a kept directory. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (!kept) {
            deleteRecursively(dir);
        }
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
        // After a kill, the controller waits for the old registration's session to expire (9 s by default).
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "2000");
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

    private static void format(Path dir) throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String[] args = {"format", "-t", Uuid.randomUuid().toString(), "-c", dir.resolve(CONFIG_FILE).toString()};
        int rc;
        try (PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(args, ps);
        }
        if (rc != 0) {
            throw new IOException("Formatting Kafka storage in " + dir + " failed (" + rc + "): "
                    + log.toString(StandardCharsets.UTF_8));
        }
    }

    private static void writeProperties(Path file, Properties props) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            props.store(os, "spikestream embedded broker");
        }
    }

    private static Properties readProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }

    /** The port at the end of a {@code host:port} address such as {@code 1@127.0.0.1:9093}. */
    static int portOf(String address) throws IOException {
        if (address == null || address.lastIndexOf(':') < 0) {
            throw new IOException("No port in the saved broker setting '" + address + "'");
        }
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1).trim());
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
