package io.spikestream.app.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The classpath this test JVM runs on, for child JVMs: Surefire's and Failsafe's forked JVMs may see a
 * manifest-only booter jar as {@code java.class.path}; its {@code Class-Path} entries are expanded.
 */
final class TestClassPath {

    private TestClassPath() {}

    static String get() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> entries = List.of(cp.split(java.io.File.pathSeparator));
        if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
            List<String> expanded = manifestClassPath(Path.of(entries.get(0)));
            if (!expanded.isEmpty()) {
                return String.join(java.io.File.pathSeparator, expanded);
            }
        }
        return cp;
    }

    private static List<String> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String value = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            List<String> paths = new ArrayList<>();
            if (value != null) {
                URI base = jar.toAbsolutePath().toUri();
                for (String entry : value.trim().split("\\s+")) {
                    paths.add(Path.of(base.resolve(entry)).toString());
                }
            }
            return paths;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of " + jar, e);
        }
    }
}
