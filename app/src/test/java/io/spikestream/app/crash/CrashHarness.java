package io.spikestream.app.crash;

import io.spikestream.app.broker.EmbeddedBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs pipeline stages as child JVMs against a broker whose data is kept (in this JVM, or a child that can be
 * SIGKILLed), for crash tests. Register it with {@code @RegisterExtension}: each test gets a folder
 * {@code target/crash/<class>-<method>} with every child's log; after a failure the logs' tails are printed,
 * and every child still running is killed.
 */
final class CrashHarness implements BeforeEachCallback, AfterEachCallback {

    /** The network input of the tests' model runs: the shipped tiny weights on small frames. */
    static final List<String> FAST_MODEL = List.of("--height", "64", "--width", "128");

    /**
     * A killed Streams member holds its partitions until its session times out (45 s by default); the
     * broker's minimum, 6 s, keeps the tests short.
     */
    static final List<String> SHORT_SESSION = List.of("--set", "kafka.session.timeout.ms=6000",
            "--set", "kafka.heartbeat.interval.ms=1500");

    private final List<ChildProcess> children = new ArrayList<>();
    private Path dir;
    private EmbeddedBroker broker;
    private ChildProcess brokerProcess;
    private String bootstrap;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Path.of("target", "crash", context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName()).toAbsolutePath();
        deleteRecursively(dir);
        Files.createDirectories(dir);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (context.getExecutionException().isPresent()) {
            children.forEach(c -> System.err.println(c.tail()));
        }
        for (ChildProcess c : children) {
            c.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** The test's folder under {@code target/crash}. */
    Path dir() {
        return dir;
    }

    /** Starts an in-process broker on {@code <dir>/broker}, stopped after the test. */
    String startBroker() throws IOException {
        broker = EmbeddedBroker.startOn(dir.resolve("broker"), 0);
        bootstrap = broker.bootstrapServers();
        return bootstrap;
    }

    /** Starts {@code spikestream broker --data-dir} as a child JVM on a free port and waits until it listens. */
    String startBrokerProcess() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        brokerProcess = child("broker", List.of("broker", "--port", Integer.toString(port), "--data-dir",
                dir.resolve("broker").toString()));
        bootstrap = "127.0.0.1:" + port;
        restartBrokerProcess();
        return bootstrap;
    }

    /** The broker child, to kill and restart. */
    ChildProcess brokerProcess() {
        return brokerProcess;
    }

    /** Starts the broker child (again) on its port and data and waits until it accepts connections. */
    void restartBrokerProcess() throws InterruptedException {
        brokerProcess.start();
        await(Duration.ofSeconds(60), this::brokerListening, () -> "broker not listening on " + bootstrap);
    }

    private boolean brokerListening() {
        if (!brokerProcess.isAlive()) {
            throw new AssertionError("the broker exited\n" + brokerProcess.tail());
        }
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return count(brokerProcess.log(), "Kafka broker listening on") >= brokerProcess.starts();
        } catch (IOException e) {
            return false;
        }
    }

    String bootstrap() {
        return bootstrap;
    }

    /**
     * {@code spikestream ingest} of a synthetic clip (with ground truth) as {@code camera}, not started.
     *
     * @param more further arguments, e.g. {@code --loop}
     */
    ChildProcess ingest(String camera, int seed, int frames, String pacing, String... more) {
        List<String> args = new ArrayList<>(List.of("ingest", "--bootstrap-servers", bootstrap, "--camera-id", camera,
                "--input", "synthetic:seed=" + seed + ",frames=" + frames + ",width=128,height=64",
                "--pacing", pacing, "--replay"));
        args.addAll(List.of(more));
        return child("ingest-" + camera, args);
    }

    /** {@code spikestream infer --exactly-once} with the fast model and its own state folder, not started. */
    ChildProcess infer() {
        return infer("infer");
    }

    /**
     * An {@code infer} instance named {@code name} (its log and state folder), in the same consumer group as every
     * other: {@code spikestream infer --exactly-once} with the fast model, not started.
     *
     * @param more further arguments, e.g. {@code --set topics.partitions=4}
     */
    ChildProcess infer(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("infer", "--bootstrap-servers", bootstrap, "--exactly-once",
                "--set", "state.dir=" + dir.resolve(name + "-state")));
        args.addAll(FAST_MODEL);
        args.addAll(SHORT_SESSION);
        args.addAll(List.of(more));
        return child(name, args);
    }

    /** {@code spikestream sink} writing to {@code <dir>/out} with its own state folder, not started. */
    ChildProcess sink() {
        List<String> args = new ArrayList<>(List.of("sink", "--bootstrap-servers", bootstrap, "--output-dir",
                dir.resolve("out").toString(), "--set", "state.dir=" + dir.resolve("sink-state")));
        args.addAll(SHORT_SESSION);
        return child("sink", args);
    }

    private ChildProcess child(String name, List<String> args) {
        ChildProcess c = ChildProcess.spikestream(name, dir, args);
        children.add(c);
        return c;
    }

    /** The frames and results topics, read committed. */
    CommittedReader topics() {
        return new CommittedReader(bootstrap);
    }

    /** Polls {@code done} every 250 ms; fails with {@code why} after {@code timeout}. */
    static void await(Duration timeout, BooleanSupplier done, Supplier<String> why) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + why.get());
            }
            Thread.sleep(250);
        }
    }

    /** How often {@code text} holds {@code line}. */
    static int count(String text, String line) {
        return (int) text.lines().filter(l -> l.contains(line)).count();
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
