package io.spikestream.app.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the deployment files under {@code docker/}: the {@code .env} file, compose files with compose's
 * {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:?error}} interpolation, and Dockerfiles.
 */
final class DeploymentFiles {

    /** {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME:?message}}; group 2 is the operator. */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");

    private DeploymentFiles() {}

    /** The repository's {@code docker/} folder, found from the module's working directory upwards. */
    static Path dockerDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker/compose.yaml"))) {
                return dir.resolve("docker");
            }
        }
        throw new IllegalStateException("No docker/compose.yaml above " + Path.of("").toAbsolutePath());
    }

    /** {@code KEY=value} lines of a {@code .env} file; blank lines and {@code #} comments are skipped. */
    static Map<String, String> dotEnv(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("Not KEY=value in " + file + ": " + line);
                }
                env.put(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
            }
        }
        return env;
    }

    /** A YAML file as a tree (without interpolation). */
    static JsonNode yaml(Path file) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    }

    /**
     * Interpolates like compose: a variable from {@code env}, else its {@code :-} default.
     *
     * @throws IllegalArgumentException for a variable that is neither in {@code env} nor has a default
     */
    static String interpolate(String text, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null && !"-".equals(m.group(2)) && !":-".equals(m.group(2))) {
                throw new IllegalArgumentException("${" + m.group(1) + "} is not set in .env: " + text);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group(3)));
        }
        return m.appendTail(out).toString();
    }

    /**
     * Whether an image reference names a fixed release: a tag that is not {@code latest} and carries a
     * version with a dot ({@code 4.3.1}, {@code v1.5.0}, {@code 17.0.16_8-jre-noble}); floating tags such as
     * {@code 17-jre} or a missing tag fail. A digest alone also pins.
     */
    static boolean isPinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        int colon = image.lastIndexOf(':');
        if (colon < 0 || colon < image.lastIndexOf('/')) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.equals("latest") && VERSION.matcher(tag).find();
    }

    /** A Dockerfile instruction with continuation lines joined and comments dropped. */
    record Instruction(String keyword, String args) {}

    /** The instructions of a Dockerfile, in order. */
    static List<Instruction> dockerfile(Path file) throws IOException {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            boolean continues = s.endsWith("\\");
            current.append(continues ? s.substring(0, s.length() - 1) : s).append(' ');
            if (!continues) {
                String text = current.toString().strip();
                int space = text.indexOf(' ');
                out.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
                current.setLength(0);
            }
        }
        return out;
    }

    /** The {@code ARG NAME=default} declarations before the first {@code FROM}. */
    static Map<String, String> globalArgs(List<Instruction> instructions) {
        Map<String, String> args = new LinkedHashMap<>();
        for (Instruction i : instructions) {
            if (i.keyword().equals("FROM")) {
                break;
            }
            if (i.keyword().equals("ARG") && i.args().contains("=")) {
                String[] kv = i.args().split("=", 2);
                args.put(kv[0].strip(), kv[1].strip());
            }
        }
        return args;
    }

    /** The base images of every stage, ARGs resolved; references to earlier stages are left out. */
    static List<String> baseImages(List<Instruction> instructions) {
        Map<String, String> args = globalArgs(instructions);
        List<String> stages = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (Instruction i : instructions) {
            if (i.keyword().equals("FROM")) {
                String[] words = i.args().replaceAll("--platform=\\S+\\s*", "").split("\\s+");
                String image = interpolate(words[0], args);
                if (!stages.contains(image)) {
                    images.add(image);
                }
                if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
                    stages.add(words[2]);
                }
            }
        }
        return images;
    }

    /** The instructions of the last stage, which is what the image runs. */
    static List<Instruction> finalStage(List<Instruction> instructions) {
        int from = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        return instructions.subList(from, instructions.size());
    }
}
