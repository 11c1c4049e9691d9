package io.spikestream.inference.model.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegionTest {

    private static Region one(int[] box) {
        return Region.of(64, 128, new int[][] {box});
    }

    @Test
    void shouldGrowByTheReachAndStopAtTheMapBorder() {
        assertArrayEquals(new int[] {8, 22, 0, 13}, one(new int[] {10, 20, 1, 11}).grow(2).box(0));
        assertArrayEquals(new int[] {0, 64, 0, 128}, one(new int[] {0, 64, 0, 128}).grow(5).box(0));
    }

    @Test
    void shouldCoverEveryCoarsePixelOfAChangedFinePixelWhenShrinking() {
        // fine rows 3..8 lie in coarse rows 1..4 (pixel 3 is in coarse 1, pixel 8 in coarse 4)
        Region coarse = one(new int[] {3, 9, 5, 6}).resample(32, 64);
        assertArrayEquals(new int[] {1, 5, 2, 3}, coarse.box(0));
        assertArrayEquals(new int[] {2, 10, 4, 6}, coarse.resample(64, 128).box(0));
    }

    @Test
    void shouldUniteBoxesPerItemAndKeepEmptyItemsEmpty() {
        Region a = Region.of(64, 128, new int[][] {{0, 4, 0, 4}, null});
        Region b = Region.of(64, 128, new int[][] {{10, 12, 20, 30}, null});
        Region u = a.or(b);
        assertArrayEquals(new int[] {0, 12, 0, 30}, u.box(0));
        assertNull(u.box(1));
        assertArrayEquals(new int[] {0, 64, 0, 128}, u.orWhole(new boolean[] {false, true}).box(1));
    }

    @Test
    void shouldMeasureTheCoveredShareAndEmptiness() {
        assertTrue(Region.none(2, 64, 128).isEmpty());
        assertEquals(0.5, Region.of(64, 128, new int[][] {{0, 64, 0, 128}, null}).fraction(), 1e-12);
        assertNull(one(new int[] {5, 5, 0, 10}).box(0), "an empty box is nothing");
        assertThrows(IllegalArgumentException.class, () -> one(null).or(Region.none(1, 32, 64)));
    }

    @Test
    void shouldPlaceWindowsInsideTheMapAroundTheReach() {
        Region reach = Region.of(64, 128, new int[][] {{0, 10, 120, 128}, {30, 34, 60, 64}});
        Windows w = Windows.plan(reach, 3, 1.0);
        // both windows have the larger reach plus the halo: 10 + 2 * 3 rows, 8 + 2 * 3 columns
        assertEquals(2, w.count());
        assertEquals(0, w.top(0), "clamped at the top border");
        assertEquals(128 - 14, w.left(0), "clamped at the right border");
        assertEquals(27, w.top(1));
        assertEquals(57, w.left(1));
        assertNull(Windows.plan(Region.all(1, 64, 128), 3, 0.5), "a window over the whole map runs dense");
    }
}
