package io.spikestream.schemas.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class CameraTagsTest {

    @Test
    void shouldKeepTheFirstIdsAndLabelLaterOnesOther() {
        CameraTags tags = new CameraTags(2);
        assertEquals("a", tags.of("a"));
        assertEquals("b", tags.of("b"));
        assertEquals(CameraTags.OTHER, tags.of("c"));
        assertEquals("a", tags.of("a"));
        assertEquals(CameraTags.OTHER, tags.of("c"));
        assertEquals(Tag.of("camera", "b"), tags.tag("b"));
    }

    @Test
    void shouldLabelAMissingIdOtherWithoutUsingAPlace() {
        CameraTags tags = new CameraTags(1);
        assertEquals(CameraTags.OTHER, tags.of(null));
        assertEquals("a", tags.of("a"));
    }

    @Test
    void shouldRefuseABoundBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new CameraTags(0));
    }

    @Test
    void shouldAdmitExactlyMaxIdsAndAnswerConsistentlyWhenThreadsRace() throws Exception {
        CameraTags tags = new CameraTags(64);
        Map<String, Set<String>> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t * 20;
                done.add(pool.submit(() -> IntStream.range(0, 2_000).forEach(i -> {
                    String id = "cam-" + (offset + i % 100);
                    answers.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(tags.of(id));
                })));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(Set.of(1), answers.values().stream().map(Set::size).collect(Collectors.toSet()),
                "every id always gets the same label");
        assertEquals(64, answers.values().stream().flatMap(Set::stream).filter(v -> !v.equals(CameraTags.OTHER))
                .count());
    }

    @Test
    void shouldDefineTheSettingWithItsDefaultAndValidation() {
        ConfigDef def = CameraTags.define(new ConfigDef());
        assertEquals(64, new AbstractConfig(def, Map.of()).getInt(CameraTags.MAX_CONFIG));
        assertEquals(3, new AbstractConfig(def, Map.of(CameraTags.MAX_CONFIG, "3")).getInt(CameraTags.MAX_CONFIG));
        assertThrows(ConfigException.class, () -> new AbstractConfig(def, Map.of(CameraTags.MAX_CONFIG, "0")));
    }
}
