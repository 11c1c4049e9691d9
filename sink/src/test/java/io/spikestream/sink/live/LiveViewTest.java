package io.spikestream.sink.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.sink.Fixtures;
import io.spikestream.sink.stats.FrameStatistics;
import io.spikestream.vision.Cityscapes;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveViewTest {

    @TempDir
    Path out;

    @Test
    void shouldKeepCountsAndRecentNumbersWhenResultsAreWritten() throws Exception {
        LiveFixtures fixtures = new LiveFixtures(out, "jpg");
        for (int seq = 0; seq < 10; seq++) {
            fixtures.write("cam", 0, seq);
        }
        CameraSnapshot cam = fixtures.view().camera("cam").orElseThrow();
        assertEquals(9, cam.sequence());
        assertEquals(10, cam.written());
        assertEquals(0, cam.skipped());
        assertEquals(9 * 1000.0 / 940, cam.framesPerSecond(), 1e-9);
        assertEquals(100, cam.latencyP50Millis(), 1e-9);
        assertEquals(120, cam.latencyP99Millis(), 1e-9);
        assertEquals(0.093, cam.firingRate(), 1e-9);
        assertEquals(1.5, cam.energyMillijoules(), 1e-9);
        assertEquals(0.28, cam.recomputedFraction(), 1e-9);
        assertEquals(LiveFixtures.W, cam.width());
        assertEquals(9, cam.overlaySequence());
        assertTrue(cam.overlayFile().startsWith(fixtures.layout().root()));
    }

    @Test
    void shouldGiveClassSharesOfTheLatestMask() throws Exception {
        LiveFixtures fixtures = new LiveFixtures(out, "jpg");
        fixtures.write("cam", 1, 0);
        fixtures.write("cam", 1, 7);
        byte[] ids = LiveFixtures.maskIds(1, 7);
        long cars = 0;
        for (byte id : ids) {
            cars += id == Cityscapes.CAR ? 1 : 0;
        }
        CameraSnapshot cam = fixtures.view().camera("cam").orElseThrow();
        assertEquals((double) cars / ids.length, cam.classShare(Cityscapes.CAR), 1e-12);
        double sum = 0;
        for (double share : cam.classShares()) {
            sum += share;
        }
        assertEquals(1.0, sum, 1e-9);
    }

    @Test
    void shouldCountSkippedResultsWithoutChangingTheRecentNumbers() throws Exception {
        LiveFixtures fixtures = new LiveFixtures(out, "jpg");
        fixtures.write("cam", 0, 0);
        LiveView view = fixtures.view();
        view.resultSkipped(FrameStatistics.of(Fixtures.skipped("cam", 4, 0, SkipReason.TOO_OLD, 900), 1000));
        CameraSnapshot cam = view.camera("cam").orElseThrow();
        assertEquals(1, cam.skipped());
        assertEquals(1, cam.written());
        assertEquals(4, cam.sequence());
        assertEquals(80, cam.latencyP50Millis(), 1e-9);
        assertTrue(Double.isNaN(cam.framesPerSecond()));
    }

    @Test
    void shouldKeepTheNewestOverlayWhenAnOlderOneArrivesLate() {
        LiveView view = new LiveView(true);
        view.overlayWritten("cam", 5, Path.of("five.jpg"));
        long changes = view.changes();
        long version = view.camera("cam").orElseThrow().version();
        view.overlayWritten("cam", 3, Path.of("three.jpg"));
        assertEquals(changes, view.changes());
        assertEquals(version, view.camera("cam").orElseThrow().version());
        assertEquals(Path.of("five.jpg"), view.camera("cam").orElseThrow().overlayFile());
        view.overlayWritten("cam", 6, Path.of("six.jpg"));
        assertEquals(changes + 1, view.changes());
        assertEquals(6, view.camera("cam").orElseThrow().overlaySequence());
    }

    @Test
    void shouldListCamerasAsTheyAppear() throws Exception {
        LiveFixtures fixtures = new LiveFixtures(out, "none");
        assertTrue(fixtures.view().cameras().isEmpty());
        fixtures.write("a", 0, 0);
        fixtures.write("b", 1, 0);
        assertEquals(2, fixtures.view().cameras().size());
        assertFalse(fixtures.view().overlays());
        assertFalse(fixtures.view().camera("a").orElseThrow().hasOverlay());
        assertTrue(fixtures.view().camera("c").isEmpty());
    }
}
