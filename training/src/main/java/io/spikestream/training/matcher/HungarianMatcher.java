package io.spikestream.training.matcher;

import java.util.Arrays;

/**
 * Minimum-cost assignment on a rectangular cost matrix (scipy's {@code linear_sum_assignment}, which the
 * official {@code HungarianAssigner} calls): every row of the smaller side is matched to a distinct row of
 * the larger side so that the total cost is minimal.
 *
 * <p>Shortest augmenting paths with row and column potentials (the Jonker-Volgenant / Kuhn-Munkres
 * scheme), {@code O(n^2 m)} for {@code n <= m}. Ties are broken deterministically (first minimum).
 * Costs must be finite.
 */
public final class HungarianMatcher {

    private HungarianMatcher() {}

    /**
     * Solves the assignment.
     *
     * @param cost {@code cost[r][c]}, {@code R x C}, finite, any aspect ratio
     * @return for each row its column, or -1 when {@code R > C} and the row stays unmatched
     */
    public static int[] assign(double[][] cost) {
        int rows = cost.length;
        if (rows == 0) {
            return new int[0];
        }
        int cols = cost[0].length;
        check(cost, cols);
        if (rows <= cols) {
            return solve(cost, rows, cols, false);
        }
        int[] colToRow = solve(cost, cols, rows, true);
        int[] rowToCol = new int[rows];
        Arrays.fill(rowToCol, -1);
        for (int c = 0; c < cols; c++) {
            rowToCol[colToRow[c]] = c;
        }
        return rowToCol;
    }

    /** Total cost of an assignment returned by {@link #assign}. */
    public static double totalCost(double[][] cost, int[] assignment) {
        double total = 0;
        for (int r = 0; r < assignment.length; r++) {
            total += assignment[r] >= 0 ? cost[r][assignment[r]] : 0;
        }
        return total;
    }

    private static void check(double[][] cost, int cols) {
        for (double[] row : cost) {
            if (row.length != cols) {
                throw new IllegalArgumentException("cost matrix rows must all have " + cols + " columns");
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("cost matrix holds a non-finite value: " + v);
                }
            }
        }
    }

    /**
     * Assigns each of {@code n} "left" items to one of {@code m >= n} "right" items.
     *
     * @param transposed whether left item i is column i of {@code cost} (else row i)
     * @return right item of each left item
     */
    private static int[] solve(double[][] cost, int n, int m, boolean transposed) {
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] owner = new int[m + 1]; // owner[j] = left item (1-based) matched to right j, 0 = free
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            augment(cost, transposed, i, m, u, v, owner, way);
        }
        int[] result = new int[n];
        for (int j = 1; j <= m; j++) {
            if (owner[j] != 0) {
                result[owner[j] - 1] = j - 1;
            }
        }
        return result;
    }

    /** Adds left item {@code i} by a shortest augmenting path (Dijkstra on reduced costs). */
    private static void augment(double[][] cost, boolean transposed, int i, int m, double[] u, double[] v,
            int[] owner, int[] way) {
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        Arrays.fill(minv, Double.POSITIVE_INFINITY);
        owner[0] = i;
        int j0 = 0;
        do {
            used[j0] = true;
            int i0 = owner[j0];
            double delta = Double.POSITIVE_INFINITY;
            int j1 = 0;
            for (int j = 1; j <= m; j++) {
                if (!used[j]) {
                    double c = (transposed ? cost[j - 1][i0 - 1] : cost[i0 - 1][j - 1]) - u[i0] - v[j];
                    if (c < minv[j]) {
                        minv[j] = c;
                        way[j] = j0;
                    }
                    if (minv[j] < delta) {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for (int j = 0; j <= m; j++) {
                if (used[j]) {
                    u[owner[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
        } while (owner[j0] != 0);
        do {
            int j1 = way[j0];
            owner[j0] = owner[j1];
            j0 = j1;
        } while (j0 != 0);
    }
}
