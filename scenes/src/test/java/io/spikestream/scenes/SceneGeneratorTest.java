package io.spikestream.scenes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.vision.Cityscapes;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SceneGeneratorTest {

    private static SceneGenerator generator(long seed, int width, int height) {
        return SceneGenerator.builder().setSeed(seed).optSize(width, height).build();
    }

    private static int[] pixels(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    @Test
    void shouldRenderIdenticalFramesWhenSeedIsTheSame() {
        SceneFrame a = generator(42, 256, 128).render(12);
        SceneFrame b = generator(42, 256, 128).render(12);
        assertArrayEquals(pixels(a.image()), pixels(b.image()));
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.instances(), b.instances());
    }

    /** Hashes recorded before fixed cameras existed: driving clips must stay byte-identical. */
    @Test
    void shouldRenderTheRecordedDrivingFramesWhenCameraIsDefault() throws Exception {
        assertEquals("c9cebe36f110c4b7d758a373f7f8f8419f5ec98fb5a440801194583630c00305", sha256(generator(41, 256, 128)
            .render(0)));
        assertEquals("c72f4c8b331892e0a3fa7a5057177740a3a473cec57384b56ecc054ba5b5a9a1", sha256(generator(7, 256, 128)
            .render(29)));
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        for (long seed = 1; seed <= 40; seed++) {
            SceneGenerator gen = generator(seed, 128, 64);
            for (int index : new int[] {0, 17, 29}) {
                SceneFrame frame = gen.render(index);
                all.update(bytes(pixels(frame.image())));
                all.update(frame.labels());
                all.update(bytes(frame.instances()));
            }
            all.update(Double.toString(gen.egoSpeed()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertEquals("57803f4a79a812216b12cfbfbb724afe4711c1b33a01ae9bdb1841355eeff079",
            HexFormat.of().formatHex(all.digest()));
    }

    private static String sha256(SceneFrame frame) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(bytes(pixels(frame.image())));
        digest.update(frame.labels());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] bytes(int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4);
        buffer.asIntBuffer().put(values);
        return buffer.array();
    }

    @Test
    void shouldRenderDifferentFramesWhenSeedDiffers() {
        SceneFrame a = generator(42, 256, 128).render(12);
        SceneFrame b = generator(43, 256, 128).render(12);
        assertFalse(java.util.Arrays.equals(pixels(a.image()), pixels(b.image())));
        assertFalse(java.util.Arrays.equals(a.labels(), b.labels()));
    }

    @Test
    void shouldRenderIdenticalFramesWhenRenderedConcurrently() throws Exception {
        SceneGenerator gen = generator(7, 256, 128);
        List<SceneFrame> sequential = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sequential.add(gen.render(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<SceneFrame>> parallel = new ArrayList<>();
            for (int i = 3; i >= 0; i--) {
                int index = i;
                parallel.add(pool.submit(() -> generator(7, 256, 128).render(index)));
            }
            for (int i = 0; i < 4; i++) {
                SceneFrame frame = parallel.get(3 - i).get();
                assertArrayEquals(pixels(sequential.get(i).image()), pixels(frame.image()));
                assertArrayEquals(sequential.get(i).labels(), frame.labels());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldStreamTheSameFramesWhenIteratingAClip() {
        SceneGenerator gen = SceneGenerator.builder().setSeed(3).optSize(128, 64).optFrames(5).build();
        int count = 0;
        for (SceneFrame frame : gen.clip()) {
            assertEquals(count, frame.index());
            assertEquals(count / 17.0, frame.timeSeconds(), 1e-12);
            assertArrayEquals(gen.render(count).labels(), frame.labels());
            count++;
        }
        assertEquals(5, count);
    }

    @Test
    void shouldOnlyUseTrainIdsOrIgnoreWhenLabelling() {
        for (long seed = 1; seed <= 4; seed++) {
            SceneFrame frame = generator(seed, 256, 128).render(19);
            assertEquals(256 * 128, frame.labels().length);
            for (byte b : frame.labels()) {
                int label = b & 0xFF;
                assertTrue(label < Cityscapes.NUM_CLASSES || label == Cityscapes.IGNORE, "label " + label);
            }
        }
    }

    @Test
    void shouldShowAtLeastFourteenClassesWhenRenderingAHandfulOfSeeds() {
        TreeSet<Integer> classes = new TreeSet<>();
        for (long seed = 1; seed <= 6; seed++) {
            for (byte b : generator(seed, 512, 256).render(19).labels()) {
                if ((b & 0xFF) != Cityscapes.IGNORE) {
                    classes.add(b & 0xFF);
                }
            }
        }
        assertTrue(classes.size() >= 14, "classes present: " + classes);
        for (int thin : new int[] {Cityscapes.POLE, Cityscapes.TRAFFIC_SIGN, Cityscapes.PERSON}) {
            assertTrue(classes.contains(thin), "missing " + Cityscapes.name(thin));
        }
    }

    @Test
    void shouldPutRoadLowCentreAndSkyOnTopWhenFrameIsTypical() {
        for (long seed = 1; seed <= 5; seed++) {
            SceneFrame frame = generator(seed, 256, 128).render(19);
            int road = 0;
            int total = 0;
            for (int y = (int) (0.72 * 128); y < (int) (0.86 * 128); y++) {
                for (int x = 96; x < 160; x++) {
                    road += frame.label(x, y) == Cityscapes.ROAD ? 1 : 0;
                    total++;
                }
            }
            assertTrue(road > 0.8 * total, "seed " + seed + ": road share " + road / (double) total);
            assertTrue(meanRow(frame, Cityscapes.SKY) < 0.3 * 128, "seed " + seed + ": sky too low");
            assertTrue(meanRow(frame, Cityscapes.ROAD) > 0.6 * 128, "seed " + seed + ": road too high");
        }
    }

    private static double meanRow(SceneFrame frame, int trainId) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++) {
                if (frame.label(x, y) == trainId) {
                    sum += y;
                    n++;
                }
            }
        }
        assertTrue(n > 0, Cityscapes.name(trainId) + " absent");
        return sum / n;
    }

    @Test
    void shouldGrowObjectsWhenCameraDrivesForward() {
        int grown = 0;
        int compared = 0;
        for (long seed = 1; seed <= 3; seed++) {
            SceneGenerator gen = generator(seed, 512, 256);
            assertTrue(gen.egoSpeed() > 0);
            Map<Integer, int[]> early = areas(gen.render(4));
            Map<Integer, int[]> late = areas(gen.render(16));
            for (Map.Entry<Integer, int[]> e : early.entrySet()) {
                int[] later = late.get(e.getKey());
                if (later != null && e.getValue()[0] >= 30 && e.getValue()[1] == 0 && later[1] == 0) {
                    compared++;
                    grown += later[0] > e.getValue()[0] ? 1 : 0;
                }
            }
        }
        assertTrue(compared >= 10, "too few objects compared: " + compared);
        assertTrue(grown >= 0.75 * compared, grown + " of " + compared + " objects grew");
    }

    /** @return per instance of a thing class: {pixel area, 1 if it touches the image border} */
    private static Map<Integer, int[]> areas(SceneFrame frame) {
        Map<Integer, int[]> areas = new HashMap<>();
        for (int y = 0; y < frame.height(); y++) {
            for (int x = 0; x < frame.width(); x++) {
                int id = frame.instances()[y * frame.width() + x];
                int label = frame.label(x, y);
                if (id != 0 && (Cityscapes.hasInstances(label) || label == Cityscapes.POLE)) {
                    int[] a = areas.computeIfAbsent(id, k -> new int[2]);
                    a[0]++;
                    boolean border = x == 0 || y == 0 || x == frame.width() - 1 || y == frame.height() - 1;
                    a[1] |= border ? 1 : 0;
                }
            }
        }
        return areas;
    }

    @Test
    void shouldHonourSizeAndOverridesWhenBuilt() {
        SceneGenerator gen = SceneGenerator.builder().setSeed(5).optSize(200, 90).optFrames(3).optFrameRate(10)
            .optLighting(Lighting.DUSK).optWeather(Weather.RAIN).build();
        SceneFrame frame = gen.render(2);
        assertEquals(200, frame.width());
        assertEquals(90, frame.height());
        assertEquals(0.2, frame.timeSeconds(), 1e-12);
        assertEquals(Lighting.DUSK, gen.lighting());
        assertEquals(Weather.RAIN, gen.weather());
    }

    @Test
    void shouldRejectBadSettingsWhenBuilding() {
        assertThrows(IllegalArgumentException.class, () -> SceneGenerator.builder().build());
        assertThrows(IllegalArgumentException.class, () -> SceneGenerator.builder().setSeed(1).optSize(100, 64).build());
        assertThrows(IllegalArgumentException.class, () -> SceneGenerator.builder().setSeed(1).optFrames(0).build());
        assertThrows(IllegalArgumentException.class, () -> SceneGenerator.builder().setSeed(1).optFrameRate(0).build());
        SceneGenerator gen = SceneGenerator.builder().setSeed(1).optSize(128, 64).optFrames(2).build();
        assertThrows(IllegalArgumentException.class, () -> gen.render(2));
    }
}
