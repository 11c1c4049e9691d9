package io.spikestream.training.matcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HungarianMatcherTest {

    /** Minimum over every injective map from the smaller side into the larger side. */
    private static double bruteForce(double[][] cost) {
        int rows = cost.length;
        int cols = cost[0].length;
        boolean rowsSmaller = rows <= cols;
        int n = Math.min(rows, cols);
        int m = Math.max(rows, cols);
        return search(cost, rowsSmaller, 0, n, m, new boolean[m]);
    }

    private static double search(double[][] cost, boolean rowsSmaller, int i, int n, int m, boolean[] used) {
        if (i == n) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            if (!used[j]) {
                used[j] = true;
                double c = rowsSmaller ? cost[i][j] : cost[j][i];
                best = Math.min(best, c + search(cost, rowsSmaller, i + 1, n, m, used));
                used[j] = false;
            }
        }
        return best;
    }

    @Test
    void shouldReachBruteForceOptimumWhenMatricesAreRandomAndRectangular() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + random.nextInt(6);
            int cols = 1 + random.nextInt(6);
            double[][] cost = new double[rows][cols];
            for (double[] row : cost) {
                for (int c = 0; c < cols; c++) {
                    row[c] = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextGaussian() * 10;
                }
            }
            int[] a = HungarianMatcher.assign(cost);
            assertEquals(bruteForce(cost), HungarianMatcher.totalCost(cost, a), 1e-9, "trial " + trial);
            Set<Integer> seen = new HashSet<>();
            int matched = 0;
            for (int c : a) {
                if (c >= 0) {
                    matched++;
                    assertEquals(true, seen.add(c), "column used twice in trial " + trial);
                }
            }
            assertEquals(Math.min(rows, cols), matched);
        }
    }

    @Test
    void shouldPickTheAntiDiagonalWhenItIsCheapest() {
        double[][] cost = {{5, 1, 9}, {1, 5, 9}};
        assertArrayEquals(new int[] {1, 0}, HungarianMatcher.assign(cost));
    }

    @Test
    void shouldRejectNonFiniteCostWhenAssigning() {
        assertThrows(IllegalArgumentException.class,
                () -> HungarianMatcher.assign(new double[][] {{1, Double.NaN}}));
    }
}
