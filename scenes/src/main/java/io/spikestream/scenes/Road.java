package io.spikestream.scenes;

import java.util.ArrayList;
import java.util.List;

/**
 * The road's cross-section and its lots along both sides. {@code u} is metres right of the centre line:
 * oncoming lanes, the centre line at 0, lanes in the camera's direction, an optional bike lane and parking
 * strip, then raised sidewalks with curbs, then lots (buildings, parks, walled gardens, cross streets).
 */
final class Road {

    enum LotType { BUILDING, PARK, WALLED, CROSSING }

    /** One lot along side {@code side} (-1 left, +1 right) from {@code s0} to {@code s1}. */
    record Lot(int side, double s0, double s1, LotType type) {
    }

    static final double CURB = 0.12;

    final double lane;
    final int same;
    final int oncoming;
    final double bikeLane;
    final boolean parkLeft;
    final boolean parkRight;
    final double left;
    final double right;
    final double walkLeft;
    final double walkRight;
    final double curvature;
    final double cameraU;
    /** Centre of the oncoming lane carrying tram rails, or NaN. */
    final double tramU;
    final List<double[]> crossings = new ArrayList<>();
    final List<Lot> lots = new ArrayList<>();

    /** @param parkedCamera whether a parked camera needs the right parking strip (then always present) */
    Road(Rng rng, double sEnd, boolean cyclists, boolean parkedCamera) {
        lane = rng.uniform(3.0, 3.6);
        same = rng.chance(0.55) ? 1 : 2;
        oncoming = rng.chance(0.15) ? 0 : rng.chance(0.7) ? 1 : 2;
        bikeLane = cyclists ? rng.uniform(1.4, 1.8) : 0;
        parkLeft = oncoming > 0 && rng.chance(0.35);
        parkRight = rng.chance(0.55) || parkedCamera;
        left = -oncoming * lane - (parkLeft ? 2.2 : 0) - (oncoming == 0 ? 0.3 : 0);
        right = same * lane + bikeLane + (parkRight ? 2.2 : 0);
        walkLeft = rng.uniform(2.0, 5.0);
        walkRight = rng.uniform(2.0, 5.0);
        curvature = rng.chance(0.5) ? 0 : rng.uniform(-0.0022, 0.0022);
        cameraU = lane * (rng.nextInt(0, same) + 0.5) + rng.uniform(-0.25, 0.25);
        tramU = oncoming > 0 && rng.chance(0.2) ? -lane / 2 : Double.NaN;
        layout(rng, sEnd);
    }

    /** @return u of side {@code side}'s curb (road edge) */
    double edge(int side) {
        return side < 0 ? left : right;
    }

    /** @return u of the centre of a car parked along side {@code side}'s curb */
    double parkingU(int side) {
        return edge(side) - side * 1.1;
    }

    /** @return u of the outer edge of side {@code side}'s sidewalk */
    double outer(int side) {
        return side < 0 ? left - walkLeft : right + walkRight;
    }

    double walk(int side) {
        return side < 0 ? walkLeft : walkRight;
    }

    boolean inCrossing(double s, double margin) {
        for (double[] c : crossings) {
            if (s > c[0] - margin && s < c[1] + margin) {
                return true;
            }
        }
        return false;
    }

    private void layout(Rng rng, double sEnd) {
        if (rng.chance(0.6)) {
            double s0 = rng.uniform(25, 110);
            crossings.add(new double[] {s0, s0 + rng.uniform(11, 18)});
        }
        LotType[] kinds = {LotType.BUILDING, LotType.BUILDING, LotType.BUILDING, LotType.PARK, LotType.WALLED};
        double park = rng.uniform(0, 1);
        for (int side = -1; side <= 1; side += 2) {
            double s = -30;
            while (s < sEnd) {
                double[] crossing = crossingAt(s);
                if (crossing != null) {
                    lots.add(new Lot(side, s, crossing[1], LotType.CROSSING));
                    s = crossing[1];
                    continue;
                }
                double end = Math.min(s + rng.uniform(12, 45), nextCrossing(s));
                LotType type = rng.chance(park * 0.6) ? LotType.PARK : rng.pick(kinds);
                lots.add(new Lot(side, s, end, type));
                s = end;
            }
        }
    }

    private double[] crossingAt(double s) {
        for (double[] c : crossings) {
            if (s >= c[0] - 1e-9 && s < c[1]) {
                return c;
            }
        }
        return null;
    }

    private double nextCrossing(double s) {
        double next = Double.MAX_VALUE;
        for (double[] c : crossings) {
            if (c[0] > s) {
                next = Math.min(next, c[0]);
            }
        }
        return next;
    }
}
