package io.spikestream.scenes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.vision.Cityscapes;
import java.awt.image.DataBufferInt;
import org.junit.jupiter.api.Test;

class FixedCameraTest {

    private static final int WIDTH = 256;
    private static final int HEIGHT = 128;

    private static SceneGenerator.Builder fixed(long seed) {
        return SceneGenerator.builder().setSeed(seed).optSize(WIDTH, HEIGHT).optCamera(CameraKind.FIXED)
            .optWeather(Weather.CLEAR);
    }

    private static int[] pixels(SceneFrame frame) {
        return ((DataBufferInt) frame.image().getRaster().getDataBuffer()).getData();
    }

    @Test
    void shouldStandStillWhenCameraIsFixed() {
        SceneGenerator gen = fixed(3).build();
        assertEquals(CameraKind.FIXED, gen.cameraKind());
        assertEquals(0, gen.egoSpeed());
        assertEquals(CameraKind.DRIVING, SceneGenerator.builder().setSeed(3).build().cameraKind());
    }

    @Test
    void shouldRenderIdenticalFramesWhenFixedClipSeedIsTheSame() {
        SceneFrame a = SceneGenerator.builder().setSeed(11).optSize(WIDTH, HEIGHT).optCamera(CameraKind.FIXED)
            .build().render(17);
        SceneFrame b = SceneGenerator.builder().setSeed(11).optSize(WIDTH, HEIGHT).optCamera(CameraKind.FIXED)
            .build().render(17);
        assertArrayEquals(pixels(a), pixels(b));
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.instances(), b.instances());
    }

    /** A few pixels may change where a walker behind a pole shows at the pole's antialiased edge. */
    @Test
    void shouldKeepStaticBackgroundIdenticalWhenSensorEffectsAreOff() {
        for (long seed = 1; seed <= 3; seed++) {
            SceneGenerator gen = fixed(seed).withoutSensorEffects().build();
            StaticPixels background = new StaticPixels(gen.render(0), gen.render(29));
            assertTrue(background.count() > 0.5 * WIDTH * HEIGHT, "seed " + seed + ": " + background.count());
            assertTrue(background.changed() < 0.001 * background.count(), "seed " + seed + ": " + background.changed()
                + " of " + background.count() + " static pixels changed");
        }
    }

    @Test
    void shouldVaryStaticBackgroundOnlySlightlyWhenNoiseAndFlickerAreOn() {
        SceneGenerator gen = fixed(2).build();
        StaticPixels background = new StaticPixels(gen.render(0), gen.render(29));
        double mean = background.meanDifference();
        assertTrue(mean > 0 && mean < 15, "mean difference " + mean);
    }

    @Test
    void shouldMoveTrafficAndPeopleWhileMostLabelsStayWhenCameraIsFixed() {
        for (long seed = 1; seed <= 5; seed++) {
            SceneGenerator gen = fixed(seed).build();
            byte[] first = gen.render(0).labels();
            byte[] last = gen.render(29).labels();
            int kept = 0;
            int moved = 0;
            for (int i = 0; i < first.length; i++) {
                kept += first[i] == last[i] ? 1 : 0;
                moved += first[i] != last[i] && (moving(first[i]) || moving(last[i])) ? 1 : 0;
            }
            assertTrue(moved > 0.005 * first.length, "seed " + seed + ": " + moved + " moving pixels");
            assertTrue(kept > 0.6 * first.length, "seed " + seed + ": " + kept + " pixels kept their label");
        }
    }

    private static boolean moving(byte label) {
        int id = label & 0xFF;
        return id == Cityscapes.CAR || id == Cityscapes.PERSON || id == Cityscapes.RIDER || id == Cityscapes.BICYCLE
            || id == Cityscapes.MOTORCYCLE || id == Cityscapes.BUS || id == Cityscapes.TRUCK;
    }

    @Test
    void shouldChangeAMinorityOfTilesBetweenFramesWhenCameraIsFixed() {
        double sum = 0;
        int seeds = 4;
        for (long seed = 1; seed <= seeds; seed++) {
            SceneGenerator gen = fixed(seed).withoutSensorEffects().build();
            sum += TileChanges.fraction(gen.render(9), gen.render(10), 10);
        }
        double mean = sum / seeds;
        assertTrue(mean > 0.03 && mean < 0.35, "changed tiles " + mean);
    }

    @Test
    void shouldChangeMostTilesBetweenFramesWhenCameraDrives() {
        SceneGenerator gen = SceneGenerator.builder().setSeed(1).optSize(WIDTH, HEIGHT).optWeather(Weather.CLEAR)
            .withoutSensorEffects().build();
        assertTrue(TileChanges.fraction(gen.render(9), gen.render(10), 10) > 0.5);
    }
}
