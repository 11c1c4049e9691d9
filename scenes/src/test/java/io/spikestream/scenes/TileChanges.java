package io.spikestream.scenes;

import java.awt.image.DataBufferInt;

/** Measures how much of an image changes between two frames, in 16x16 tiles. */
final class TileChanges {

    static final int TILE = 16;

    private TileChanges() {
    }

    /** @return the fraction of tiles in which some channel of some pixel differs by more than {@code threshold} */
    static double fraction(SceneFrame first, SceneFrame second, int threshold) {
        int[] a = ((DataBufferInt) first.image().getRaster().getDataBuffer()).getData();
        int[] b = ((DataBufferInt) second.image().getRaster().getDataBuffer()).getData();
        int columns = first.width() / TILE;
        int rows = first.height() / TILE;
        int changed = 0;
        for (int ty = 0; ty < rows; ty++) {
            for (int tx = 0; tx < columns; tx++) {
                changed += maxDifference(a, b, first.width(), tx * TILE, ty * TILE) > threshold ? 1 : 0;
            }
        }
        return changed / (double) (columns * rows);
    }

    private static int maxDifference(int[] a, int[] b, int width, int x0, int y0) {
        int max = 0;
        for (int y = y0; y < y0 + TILE; y++) {
            for (int x = x0; x < x0 + TILE; x++) {
                max = Math.max(max, StaticPixels.difference(a[y * width + x], b[y * width + x]));
            }
        }
        return max;
    }
}
