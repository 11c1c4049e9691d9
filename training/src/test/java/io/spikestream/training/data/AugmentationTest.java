package io.spikestream.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AugmentationTest {

    /** A 64 x 32 sample whose red channel encodes the label (label * 20) and labels form vertical stripes. */
    private static Sample stripes() {
        int w = 64;
        int h = 32;
        byte[] rgb = new byte[3 * w * h];
        byte[] labels = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int label = x / 8;
                labels[y * w + x] = (byte) label;
                rgb[3 * (y * w + x)] = (byte) (label * 20);
                rgb[3 * (y * w + x) + 1] = (byte) y;
            }
        }
        return new Sample(w, h, rgb, labels, "stripes");
    }

    @Test
    void shouldKeepImageAndLabelsAlignedWhenScalingCroppingAndFlipping() {
        Augmentation aug = new Augmentation(0.5, 2.0, 32, 32, 0.75, 0.5, false, 255);
        Sample s = stripes();
        int flips = 0;
        for (long seed = 0; seed < 40; seed++) {
            Augmentation.Params p = aug.draw(s, seed);
            Sample a = aug.apply(s, p);
            flips += p.flip() ? 1 : 0;
            for (int i = 0; i < a.labels().length; i++) {
                int label = a.labels()[i] & 0xFF;
                int red = a.rgb()[3 * i] & 0xFF;
                // nearest labels vs bilinear image: inside a stripe the red value is exactly label * 20
                assertTrue(Math.abs(red - label * 20) <= 20, "seed " + seed + " pixel " + i);
            }
            assertTrue(a.width() <= 32 && a.height() <= 32);
        }
        assertTrue(flips > 5 && flips < 35, "flip probability 0.5, got " + flips + " of 40");
    }

    @Test
    void shouldGiveIdenticalResultsWhenTheSeedRepeats() {
        Augmentation aug = Augmentation.official(32, 32, 0.5, 2.0);
        Sample a = aug.apply(stripes(), 1234L);
        Sample b = aug.apply(stripes(), 1234L);
        assertArrayEquals(a.rgb(), b.rgb());
        assertArrayEquals(a.labels(), b.labels());
    }

    @Test
    void shouldMirrorLabelsWhenFlipped() {
        Augmentation aug = new Augmentation(1, 1, 32, 64, 1.0, 1.0, false, 255);
        Sample a = aug.apply(stripes(), 7L);
        assertEquals(7, a.label(0, 0));
        assertEquals(0, a.label(63, 5));
    }

    @Test
    void shouldPreferCropsWithoutADominantClassWhenCatMaxRatioIsSet() {
        // 8 stripes of 8 px: a 16-px crop always spans at most 3 classes; 8-px-wide crops aligned to a stripe
        // hold a single class and must be avoided whenever another try succeeds.
        Augmentation aug = new Augmentation(1, 1, 32, 8, 0.75, 0, false, 255);
        int single = 0;
        for (long seed = 0; seed < 50; seed++) {
            Sample a = aug.apply(stripes(), seed);
            single += a.label(0, 0) == a.label(7, 0) ? 1 : 0;
        }
        assertTrue(single < 5, "single-class crops: " + single);
    }
}
