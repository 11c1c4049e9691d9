package io.spikestream.app.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spikestream.app.docker.DeploymentFiles.Instruction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import io.spikestream.app.SpikeStreamCli;
import org.junit.jupiter.api.Test;

/**
 * Checks the deployment files under {@code docker/} without a Docker engine: the compose stack (services,
 * pinned images from {@code .env}, health-gated start order, GPU reservation, Kafka KRaft settings, volumes,
 * dashboard wiring) and the Dockerfiles (pinned bases, non-root user, the launcher's JVM flags).
 */
class ComposeFileTest {

    private static final List<String> APP_SERVICES = List.of("ingest", "infer", "sink");
    private static final List<String> DOCKERFILES = List.of("Dockerfile", "Dockerfile.gpu");
    private static final String BOOTSTRAP = "kafka:9092";
    private static final String REGISTRY = "http://schema-registry:8081";
    /** The largest record the pipeline writes: a dead letter, 10 MiB + 64 KiB (schemas' {@code Topics}). */
    private static final long LARGEST_RECORD = 10L * 1024 * 1024 + 64 * 1024;
    private static final String MAIN_CLASS = "io.spikestream.app.SpikeStreamCli";
    /** The port every stage serves /metrics, /health and /ready on inside the compose network. */
    private static final int STAGE_HTTP_PORT = 9400;

    private static Path docker;
    private static Map<String, String> env;
    private static JsonNode services;
    private static JsonNode volumes;

    @BeforeAll
    static void readFiles() throws IOException {
        docker = DeploymentFiles.dockerDir();
        env = DeploymentFiles.dotEnv(docker.resolve(".env"));
        JsonNode compose = DeploymentFiles.yaml(docker.resolve("compose.yaml"));
        services = compose.path("services");
        volumes = compose.path("volumes");
    }

    @Test
    void shouldDefineTheStackWhenComposeIsRead() {
        assertEquals(Set.of("kafka", "schema-registry", "ingest", "infer", "sink", "dashboard", "prometheus",
                "grafana"), names(services));
    }

    @Test
    void shouldTakeEveryImageFromDotEnvWhenComposeFilesNameImages() throws IOException {
        for (Path file : composeFiles()) {
            JsonNode fileServices = DeploymentFiles.yaml(file).path("services");
            for (String name : names(fileServices)) {
                JsonNode image = fileServices.path(name).path("image");
                if (!image.isMissingNode() || file.endsWith("compose.yaml")) {
                    assertPinnedVariable(file.getFileName() + " " + name + ".image", image.asText());
                }
            }
        }
    }

    @Test
    void shouldSetEveryVariableInDotEnvWhenComposeInterpolates() throws IOException {
        for (Path file : composeFiles()) {
            Matcher m = DeploymentFiles.VARIABLE.matcher(Files.readString(file));
            while (m.find()) {
                boolean required = m.group(2) == null;
                assertTrue(!required || env.containsKey(m.group(1)),
                        file.getFileName() + " uses ${" + m.group(1) + "} but .env does not set it");
            }
        }
    }

    @Test
    void shouldBuildFromTheDockerfilesBaseImagesWhenComposePassesBuildArgs() throws IOException {
        for (Path file : composeFiles()) {
            JsonNode fileServices = DeploymentFiles.yaml(file).path("services");
            for (String name : names(fileServices)) {
                JsonNode build = fileServices.path(name).path("build");
                if (!build.isMissingNode()) {
                    assertBuildArgsMatchDockerfile(file.getFileName() + " " + name, build);
                }
            }
        }
    }

    @Test
    void shouldWaitForHealthyServicesWhenDependsOnIsDeclared() {
        for (String name : names(services)) {
            JsonNode dependsOn = services.path(name).path("depends_on");
            assertTrue(dependsOn.isMissingNode() || dependsOn.isObject(),
                    name + ".depends_on must be a map with conditions, not a list");
            for (String target : names(dependsOn)) {
                assertTrue(services.has(target), name + " depends on unknown service " + target);
                assertEquals("service_healthy", dependsOn.path(target).path("condition").asText(),
                        name + " -> " + target);
                assertTrue(services.path(target).path("healthcheck").path("test").size() > 0,
                        target + " has no healthcheck, so " + name + " could never start");
            }
        }
    }

    @Test
    void shouldStartPipelineAndDashboardAfterKafkaAndRegistryWhenStackComesUp() {
        for (String name : List.of("ingest", "infer", "sink", "dashboard")) {
            assertEquals(Set.of("kafka", "schema-registry"), names(services.path(name).path("depends_on")), name);
        }
        assertEquals(Set.of("kafka"), names(services.path("schema-registry").path("depends_on")));
    }

    @Test
    void shouldServeMetricsOnEveryStageAndProbeItsReadinessWhenContainersRun() {
        for (String name : APP_SERVICES) {
            List<String> command = texts(services.path(name).path("command"));
            assertEquals(String.valueOf(STAGE_HTTP_PORT), option(command, "--http-port"), name);
            assertEquals("0.0.0.0", option(command, "--http-host"), name + " must listen beyond loopback");
            List<String> test = texts(services.path(name).path("healthcheck").path("test"));
            assertEquals(List.of("CMD", "spikestream", "probe", "http://127.0.0.1:" + STAGE_HTTP_PORT + "/ready"),
                    test, name);
            String[] probe = test.subList(2, test.size()).toArray(String[]::new);
            assertEquals("probe", SpikeStreamCli.commandLine().parseArgs(probe).subcommand().commandSpec().name());
        }
        assertEquals(List.of("${SINK_HTTP_HOST_PORT}:" + STAGE_HTTP_PORT),
                texts(services.path("sink").path("ports")), "the live page is published on the host");
    }

    @Test
    void shouldScrapeEveryStageWhenPrometheusRuns() throws IOException {
        JsonNode prometheus = services.path("prometheus");
        assertTrue(texts(prometheus.path("volumes")).contains(
                "./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro"));
        JsonNode config = DeploymentFiles.yaml(docker.resolve("prometheus/prometheus.yml"));
        Set<String> targets = new TreeSet<>();
        for (JsonNode job : config.path("scrape_configs")) {
            job.path("static_configs").forEach(group -> targets.addAll(texts(group.path("targets"))));
        }
        Set<String> expected = new TreeSet<>();
        APP_SERVICES.forEach(name -> expected.add(name + ":" + STAGE_HTTP_PORT));
        assertEquals(expected, targets);
    }

    @Test
    void shouldPassPromtoolWhenPrometheusReadsItsConfig() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool is missing: apt-get install prometheus (.ci/run does)");
        Process check = new ProcessBuilder(promtool.toString(), "check", "config",
                docker.resolve("prometheus/prometheus.yml").toString()).redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), said);
    }

    @Test
    void shouldProvisionGrafanaWithPrometheusAndTheDashboardWhenItStarts() throws IOException {
        JsonNode grafana = services.path("grafana");
        assertEquals(Set.of("prometheus"), names(grafana.path("depends_on")));
        List<String> mounts = texts(grafana.path("volumes"));
        assertTrue(mounts.contains("./grafana/provisioning:/etc/grafana/provisioning:ro"), mounts::toString);
        assertTrue(mounts.contains("./grafana/dashboards:/var/lib/grafana/dashboards:ro"), mounts::toString);
        JsonNode source = DeploymentFiles.yaml(docker.resolve("grafana/provisioning/datasources/prometheus.yaml"))
                .path("datasources").get(0);
        assertEquals("http://prometheus:9090", source.path("url").asText());
        JsonNode provider = DeploymentFiles.yaml(docker.resolve("grafana/provisioning/dashboards/spikestream.yaml"))
                .path("providers").get(0);
        assertEquals("/var/lib/grafana/dashboards", provider.path("options").path("path").asText());
        for (JsonNode panel : MonitoringFiles.dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                assertEquals(source.path("uid").asText(), target.path("datasource").path("uid").asText(),
                        panel.path("title").asText() + " queries the provisioned Prometheus");
            }
        }
    }

    @Test
    void shouldQueryOnlyDocumentedMetricsWhenTheDashboardRenders() throws IOException {
        Set<String> catalogue = MonitoringFiles.catalogue();
        assertFalse(catalogue.isEmpty(), "docs/monitoring.md lists the metrics");
        for (String metric : MonitoringFiles.dashboardMetrics()) {
            if (metric.startsWith("spikestream_")) {
                assertTrue(MonitoringFiles.belongsTo(metric, catalogue), metric + " is in the dashboard but not in"
                        + " docs/monitoring.md's catalogue (DemoMonitoringIT checks the catalogue against a scrape)");
            }
        }
        for (String panel : List.of("Frames/s per camera", "latency", "Dead letters", "lag", "state memory",
                "Recomputed fraction", "Energy")) {
            assertTrue(titles().stream().anyMatch(t -> t.toLowerCase().contains(panel.toLowerCase())),
                    "a panel on " + panel);
        }
    }

    private static List<String> titles() throws IOException {
        List<String> titles = new ArrayList<>();
        MonitoringFiles.dashboard().path("panels").forEach(p -> titles.add(p.path("title").asText()));
        return titles;
    }

    @Test
    void shouldReserveOneNvidiaGpuWhenInferIsDeployed() {
        JsonNode devices = services.path("infer").path("deploy").path("resources").path("reservations")
                .path("devices");
        assertEquals(1, devices.size(), "infer reserves one device entry");
        JsonNode gpu = devices.get(0);
        assertEquals("nvidia", gpu.path("driver").asText());
        assertEquals(1, gpu.path("count").asInt());
        assertEquals(List.of("gpu"), texts(gpu.path("capabilities")));
    }

    @Test
    void shouldPointEveryStageAtKafkaAndRegistryWhenItStarts() {
        for (String name : APP_SERVICES) {
            List<String> command = texts(services.path(name).path("command"));
            assertEquals(name, command.get(0), name + " runs 'spikestream " + name + "'");
            assertEquals(BOOTSTRAP, option(command, "--bootstrap-servers"), name);
            assertEquals(REGISTRY, option(command, "--schema-registry-url"), name);
        }
    }

    @Test
    void shouldParseEveryStageCommandWithTheCliWhenContainersStart() {
        for (String name : APP_SERVICES) {
            List<String> command = texts(services.path(name).path("command"));
            String[] args = command.stream().map(a -> DeploymentFiles.interpolate(a, env)).toArray(String[]::new);
            assertEquals(name, SpikeStreamCli.commandLine().parseArgs(args).subcommand().commandSpec().name(),
                    "the CLI accepts the options compose passes to " + name);
        }
    }

    @Test
    void shouldTakeInferenceDeviceFromDotEnvWhenInferStarts() {
        List<String> command = texts(services.path("infer").path("command"));
        assertEquals("${INFER_DEVICE}", option(command, "--device"));
        assertTrue(env.get("INFER_DEVICE").matches("cpu|gpu|gpu:\\d+"), "INFER_DEVICE=" + env.get("INFER_DEVICE"));
    }

    @Test
    void shouldTakeIngestInputFromDotEnvWhenIngestStarts() {
        JsonNode ingest = services.path("ingest");
        assertEquals("${INGEST_INPUT}", option(texts(ingest.path("command")), "--input"));
        assertTrue(texts(ingest.path("volumes")).contains("${INGEST_VIDEO_DIR}:/videos:ro"));
    }

    @Test
    void shouldRunKraftWithRaisedMessageSizeWhenKafkaStarts() {
        JsonNode kafka = services.path("kafka").path("environment");
        assertEquals(Set.of("broker", "controller"), Set.of(kafka.path("KAFKA_PROCESS_ROLES").asText().split(",")));
        String voters = kafka.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText();
        assertEquals(kafka.path("KAFKA_NODE_ID").asText() + "@kafka:9093", voters);
        String controller = kafka.path("KAFKA_CONTROLLER_LISTENER_NAMES").asText();
        assertTrue(kafka.path("KAFKA_LISTENERS").asText().contains(controller + "://:9093"));
        long maxBytes = kafka.path("KAFKA_MESSAGE_MAX_BYTES").asLong();
        assertTrue(maxBytes >= LARGEST_RECORD, "message.max.bytes " + maxBytes + " < " + LARGEST_RECORD);
        assertTrue(kafka.path("KAFKA_REPLICA_FETCH_MAX_BYTES").asLong() >= maxBytes);
        assertFalse(names(kafka).stream().anyMatch(k -> k.contains("ZOOKEEPER")), "KRaft only");
        assertEquals("${KAFKA_CLUSTER_ID}", kafka.path("CLUSTER_ID").asText());
    }

    @Test
    void shouldAdvertiseKafkaByServiceNameWhenContainersConnect() {
        JsonNode kafka = services.path("kafka").path("environment");
        List<String> advertised = Arrays.asList(kafka.path("KAFKA_ADVERTISED_LISTENERS").asText().split(","));
        assertTrue(advertised.contains("PLAINTEXT://" + BOOTSTRAP), advertised.toString());
        assertEquals("PLAINTEXT", kafka.path("KAFKA_INTER_BROKER_LISTENER_NAME").asText());
        assertEquals("PLAINTEXT://" + BOOTSTRAP, services.path("schema-registry").path("environment")
                .path("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS").asText());
    }

    @Test
    void shouldKeepSinkOutputOnNamedVolumeWhenSinkWrites() {
        JsonNode sink = services.path("sink");
        String outputDir = option(texts(sink.path("command")), "--output-dir");
        String mount = texts(sink.path("volumes")).stream().filter(v -> v.endsWith(":" + outputDir))
                .findFirst().orElseThrow(() -> new AssertionError("no volume mounted at " + outputDir));
        String volume = mount.substring(0, mount.indexOf(':'));
        assertTrue(volumes.has(volume), volume + " is not a named volume");
    }

    @Test
    void shouldKnowClusterAndRegistryWhenDashboardDecodesAvro() {
        JsonNode dashboard = services.path("dashboard").path("environment");
        assertEquals(BOOTSTRAP, dashboard.path("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS").asText());
        assertEquals(REGISTRY, dashboard.path("KAFKA_CLUSTERS_0_SCHEMAREGISTRY").asText());
        assertFalse(dashboard.path("KAFKA_CLUSTERS_0_NAME").asText().isBlank());
    }

    @Test
    void shouldPointDjlAtCudaLibtorchWhenGpuOverrideIsUsed() throws IOException {
        JsonNode infer = DeploymentFiles.yaml(docker.resolve("compose.gpu.yaml")).path("services").path("infer");
        assertEquals("docker/Dockerfile.gpu", infer.path("build").path("dockerfile").asText());
        assertEquals("cu128", infer.path("environment").path("PYTORCH_FLAVOR").asText());
        String libraryPath = infer.path("environment").path("PYTORCH_LIBRARY_PATH").asText();
        assertTrue(texts(infer.path("volumes")).stream().anyMatch(v -> v.contains(":" + libraryPath + ":ro")),
                "libtorch is mounted at " + libraryPath);
    }

    @Test
    void shouldPinEveryBaseImageWhenDockerfilesAreBuilt() throws IOException {
        for (String name : DOCKERFILES) {
            List<Instruction> instructions = DeploymentFiles.dockerfile(docker.resolve(name));
            List<String> bases = DeploymentFiles.baseImages(instructions);
            assertFalse(bases.isEmpty(), name);
            for (String base : bases) {
                assertTrue(DeploymentFiles.isPinned(base), name + ": FROM " + base + " is not pinned");
            }
            DeploymentFiles.globalArgs(instructions).forEach((arg, value) -> assertEquals(env.get(arg), value,
                    name + " ARG " + arg + " must equal docker/.env, where the tags are pinned"));
        }
    }

    @Test
    void shouldRunAsNonRootUserWhenImagesStart() throws IOException {
        for (String name : DOCKERFILES) {
            List<Instruction> stage = DeploymentFiles.finalStage(DeploymentFiles.dockerfile(docker.resolve(name)));
            String user = stage.stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b)
                    .map(Instruction::args).orElseThrow(() -> new AssertionError(name + " has no USER"));
            String account = user.split(":")[0];
            assertFalse(account.equals("root") || account.equals("0"), name + " runs as " + user);
        }
    }

    @Test
    void shouldLaunchLikeTheRepositoryLauncherWhenTheImageRuns() throws IOException {
        String launcher = Files.readString(docker.getParent().resolve("spikestream"));
        String entrypoint = Files.readString(docker.resolve("spikestream.sh"));
        for (String flag : matches(launcher, "(-D[\\w.]+=\\S+)")) {
            assertTrue(entrypoint.contains(flag), "entrypoint lacks " + flag);
        }
        assertTrue(entrypoint.contains("-cp \"$home/classes:$home/lib/*\" " + MAIN_CLASS));
        Map<String, String> malloc = mallocDefaults(launcher);
        assertEquals(3, malloc.size(), "launcher's malloc settings: " + malloc);
        for (String name : DOCKERFILES) {
            List<Instruction> stage = DeploymentFiles.finalStage(DeploymentFiles.dockerfile(docker.resolve(name)));
            Map<String, String> envs = envOf(stage);
            malloc.forEach((k, v) -> assertEquals(v, envs.get(k), name + " ENV " + k));
            assertTrue(stage.contains(new Instruction("ENTRYPOINT", "[\"/usr/local/bin/spikestream\"]")), name);
            assertTrue(stage.stream().anyMatch(i -> i.keyword().equals("COPY")
                    && i.args().endsWith("docker/spikestream.sh /usr/local/bin/spikestream")), name);
        }
    }

    private static void assertPinnedVariable(String where, String image) {
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(image);
        assertTrue(m.matches(), where + " must be a single .env variable, got '" + image + "'");
        String value = env.get(m.group(1));
        assertNotNull(value, where + ": " + m.group(1) + " is not in .env");
        assertTrue(DeploymentFiles.isPinned(value), where + ": " + m.group(1) + "=" + value + " is not pinned");
    }

    private static void assertBuildArgsMatchDockerfile(String where, JsonNode build) throws IOException {
        assertEquals("..", build.path("context").asText(), where + " builds from the repository root");
        Path dockerfile = docker.getParent().resolve(build.path("dockerfile").asText());
        Map<String, String> defaults = DeploymentFiles.globalArgs(DeploymentFiles.dockerfile(dockerfile));
        assertEquals(defaults.keySet(), names(build.path("args")), where + " passes every base-image ARG");
        for (String arg : defaults.keySet()) {
            assertEquals("${" + arg + "}", build.path("args").path(arg).asText(), where + " " + arg);
        }
    }

    private static List<Path> composeFiles() throws IOException {
        try (var files = Files.list(docker)) {
            return files.filter(p -> p.getFileName().toString().matches("compose.*\\.yaml")).sorted().toList();
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The word after {@code name} in a command list. */
    private static String option(List<String> command, String name) {
        int i = command.indexOf(name);
        assertTrue(i >= 0 && i + 1 < command.size(), "command lacks " + name + ": " + command);
        return command.get(i + 1);
    }

    private static List<String> matches(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** {@code export MALLOC_X="${MALLOC_X:-value}"} lines of the launcher. */
    private static Map<String, String> mallocDefaults(String launcher) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("export (MALLOC_\\w+)=\"\\$\\{\\1:-(\\d+)}\"").matcher(launcher);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    /** {@code KEY=value} pairs of the stage's {@code ENV} instructions. */
    private static Map<String, String> envOf(List<Instruction> stage) {
        Map<String, String> out = new LinkedHashMap<>();
        stage.stream().filter(i -> i.keyword().equals("ENV")).flatMap(i -> Arrays.stream(i.args().split("\\s+")))
                .map(kv -> kv.split("=", 2)).forEach(kv -> out.put(kv[0], kv.length > 1 ? kv[1] : ""));
        return out;
    }
}
