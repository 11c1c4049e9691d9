package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;
import java.awt.image.DataBufferInt;

/**
 * The pixels of two frames that show the same static surface: within {@value #MARGIN} px the same label and
 * instance in both frames, and nothing that can change: sky (drifting clouds), traffic lights (signal cycle),
 * things that move (person to bicycle) or the ignored hood. The margin covers antialiased edges, which blend in
 * what lies behind, and limbs thinner than a pixel, which the label map does not show.
 */
final class StaticPixels {

    private static final int MARGIN = 3;

    private final int[] a;
    private final int[] b;
    private final boolean[] mask;
    private final int count;

    StaticPixels(SceneFrame first, SceneFrame second) {
        a = ((DataBufferInt) first.image().getRaster().getDataBuffer()).getData();
        b = ((DataBufferInt) second.image().getRaster().getDataBuffer()).getData();
        mask = new boolean[a.length];
        int n = 0;
        for (int y = MARGIN; y < first.height() - MARGIN; y++) {
            for (int x = MARGIN; x < first.width() - MARGIN; x++) {
                if (isStatic(first, second, x, y)) {
                    mask[y * first.width() + x] = true;
                    n++;
                }
            }
        }
        count = n;
    }

    private static boolean isStatic(SceneFrame first, SceneFrame second, int x, int y) {
        for (int dy = -MARGIN; dy <= MARGIN; dy++) {
            for (int dx = -MARGIN; dx <= MARGIN; dx++) {
                int i = (y + dy) * first.width() + x + dx;
                if (first.labels()[i] != second.labels()[i] || first.instances()[i] != second.instances()[i]
                    || mayChange(first.labels()[i])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean mayChange(byte label) {
        int id = label & 0xFF;
        return id == Cityscapes.SKY || id == Cityscapes.TRAFFIC_LIGHT || id >= Cityscapes.PERSON;
    }

    int count() {
        return count;
    }

    /** @return how many static pixels differ between the two images */
    int changed() {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += mask[i] && a[i] != b[i] ? 1 : 0;
        }
        return n;
    }

    double meanDifference() {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            if (mask[i]) {
                sum += difference(a[i], b[i]);
            }
        }
        return sum / (double) count;
    }

    /** @return the largest absolute difference of one channel */
    static int difference(int p, int q) {
        int max = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            max = Math.max(max, Math.abs((p >> shift & 255) - (q >> shift & 255)));
        }
        return max;
    }
}
