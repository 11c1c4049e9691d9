package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;
import java.awt.geom.Path2D;

/**
 * Draws everything lying on the ground, back layers first: lot ground (terrain, paving, cross streets),
 * sidewalks, road, curbs, then image-only details: lane marks, zebra crossings, asphalt patches, paving joints.
 */
final class Ground {

    private static final int SAMPLES = 28;
    private static final double WIDE = 400;

    private final Road road;
    private final int asphalt;
    private final int paving;
    private final int curb;
    private final int grass;
    private final int mark;
    private final int centre;
    private final double dash;
    private final double gap;
    private final double[][] patches;

    Ground(Rng rng, Road road, double sEnd) {
        this.road = road;
        asphalt = rng.vary(rng.pick(new int[] {0x505256, 0x5E5E62, 0x46484C, 0x68686A}), 0.08);
        paving = rng.vary(rng.pick(new int[] {0x9A9490, 0xA8A098, 0x8C8A88, 0xA08C84, 0xB4AEA4}), 0.06);
        curb = Colors.scale(paving, rng.uniform(1.05, 1.2));
        grass = rng.vary(rng.pick(new int[] {0x7A8C46, 0x8C9A52, 0x6E8442, 0x9A9A5A}), 0.08);
        mark = rng.vary(0xE4E4E0, 0.05);
        centre = rng.chance(0.25) ? 0xD8B020 : mark;
        dash = rng.uniform(2.5, 4);
        gap = dash * rng.uniform(1.5, 3);
        int n = (int) (sEnd / 12);
        patches = new double[n][];
        for (int i = 0; i < n; i++) {
            patches[i] = new double[] {rng.uniform(road.left, road.right - 1), rng.uniform(0, sEnd), rng.uniform(0.5, 3),
                rng.uniform(0.5, 4), rng.uniform(0.8, 0.92)};
        }
    }

    void draw(Canvas canvas, Camera cam) {
        canvas.fillGround(strip(cam, -WIDE, WIDE, 0, cam.s, cam.s + Camera.FAR), grass, Cityscapes.TERRAIN);
        for (Road.Lot lot : road.lots) {
            lot(canvas, cam, lot);
        }
        for (Road.Lot lot : road.lots) {
            if (lot.type() != Road.LotType.CROSSING) {
                sidewalk(canvas, cam, lot);
            }
        }
        canvas.fillGround(strip(cam, road.left, road.right, 0, cam.s, cam.s + Camera.FAR), asphalt, Cityscapes.ROAD);
        patches(canvas, cam);
        marks(canvas, cam);
    }

    private void lot(Canvas canvas, Camera cam, Road.Lot lot) {
        double inner = road.outer(lot.side()) - lot.side() * 0.3;
        double outer = lot.side() * WIDE;
        double u0 = Math.min(inner, outer);
        double u1 = Math.max(inner, outer);
        if (lot.type() == Road.LotType.CROSSING) {
            canvas.fillGround(strip(cam, Math.min(road.edge(lot.side()), outer), Math.max(road.edge(lot.side()), outer), 0,
                lot.s0(), lot.s1()), asphalt, Cityscapes.ROAD);
        } else if (lot.type() == Road.LotType.BUILDING) {
            canvas.fillGround(strip(cam, u0, u1, 0, lot.s0(), lot.s1()), paving, Cityscapes.SIDEWALK);
        } else {
            canvas.fillGround(strip(cam, u0, u1, 0, lot.s0(), lot.s1()), grass, Cityscapes.TERRAIN);
        }
    }

    private void sidewalk(Canvas canvas, Camera cam, Road.Lot lot) {
        int side = lot.side();
        double a = road.edge(side);
        double b = road.outer(side);
        Path2D top = strip(cam, Math.min(a, b), Math.max(a, b), Road.CURB, lot.s0(), lot.s1());
        if (top == null) {
            return;
        }
        canvas.fillGround(top, paving, Cityscapes.SIDEWALK);
        joints(canvas, cam, lot, Math.min(a, b), Math.max(a, b));
    }

    private void curbs(Canvas canvas, Camera cam) {
        for (Road.Lot lot : road.lots) {
            if (lot.type() == Road.LotType.CROSSING) {
                continue;
            }
            Path2D face = face(cam, road.edge(lot.side()), lot.s0(), lot.s1());
            if (face != null) {
                canvas.fillGround(face, curb, Cityscapes.SIDEWALK);
            }
        }
    }

    private void joints(Canvas canvas, Camera cam, Road.Lot lot, double u0, double u1) {
        double spacing = 1.8;
        double from = Math.max(lot.s0(), Math.ceil((cam.s + 2) / spacing) * spacing);
        for (double s = from; s < Math.min(lot.s1(), cam.s + 35); s += spacing) {
            Path2D line = strip(cam, u0, u1, Road.CURB, s, s + 0.06);
            if (line != null) {
                canvas.paint(line, Colors.scale(paving, 0.82));
            }
        }
    }

    private void patches(Canvas canvas, Camera cam) {
        for (double[] p : patches) {
            if (p[1] > cam.s + 2 && p[1] < cam.s + 120) {
                Path2D shape = strip(cam, p[0], p[0] + p[2], 0, p[1], p[1] + p[3]);
                canvas.paint(shape, Colors.scale(asphalt, p[4]), 0.8);
            }
        }
        curbs(canvas, cam);
    }

    private void marks(Canvas canvas, Camera cam) {
        double w = 0.13;
        if (road.oncoming > 0) {
            line(canvas, cam, -w / 2, w / 2, centre);
        }
        for (int i = 1; i < road.same; i++) {
            dashes(canvas, cam, i * road.lane, w);
        }
        for (int i = 1; i < road.oncoming; i++) {
            dashes(canvas, cam, -i * road.lane, w);
        }
        if (road.bikeLane > 0) {
            double u = road.same * road.lane;
            line(canvas, cam, u, u + 0.2, mark);
        }
        if (!Double.isNaN(road.tramU)) {
            for (double rail : new double[] {road.tramU - 0.75, road.tramU + 0.68}) {
                line(canvas, cam, rail, rail + 0.07, 0x8A8A88);
            }
        }
        for (double[] c : road.crossings) {
            zebra(canvas, cam, c[0] - 4.5, c[0] - 0.8);
            zebra(canvas, cam, c[1] + 0.8, c[1] + 4.5);
            Path2D stop = strip(cam, 0.1, road.same * road.lane, 0, c[0] - 6, c[0] - 5.6);
            if (stop != null) {
                canvas.paint(stop, mark);
            }
        }
    }

    private void line(Canvas canvas, Camera cam, double u0, double u1, int color) {
        Path2D line = strip(cam, u0, u1, 0, cam.s, cam.s + Camera.FAR);
        if (line != null) {
            canvas.paint(line, color);
        }
    }

    private void dashes(Canvas canvas, Camera cam, double u, double w) {
        double period = dash + gap;
        for (double s = Math.floor(cam.s / period) * period; s < cam.s + 200; s += period) {
            if (!road.inCrossing(s, 5)) {
                Path2D d = strip(cam, u - w / 2, u + w / 2, 0, s, s + dash);
                if (d != null) {
                    canvas.paint(d, mark);
                }
            }
        }
    }

    private void zebra(Canvas canvas, Camera cam, double s0, double s1) {
        for (double u = road.left + 0.5; u < road.right - 0.5; u += 1.0) {
            Path2D bar = strip(cam, u, u + 0.5, 0, s0, s1);
            if (bar != null) {
                canvas.paint(bar, mark);
            }
        }
    }

    /** @return the ground polygon {@code u0..u1} at height {@code h} over {@code sA..sB}, clipped; or null */
    static Path2D strip(Camera cam, double u0, double u1, double h, double sA, double sB) {
        double da = Math.max(sA - cam.s, Camera.NEAR);
        double db = Math.min(sB - cam.s, Camera.FAR);
        if (db <= da) {
            return null;
        }
        int n = db - da < 2 ? 2 : SAMPLES;
        double[] xs = new double[2 * n];
        double[] ys = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double s = cam.s + depthSample(da, db, i, n);
            xs[i] = cam.x(u0, s);
            ys[i] = cam.y(h, s);
            xs[2 * n - 1 - i] = cam.x(u1, s);
            ys[2 * n - 1 - i] = ys[i];
        }
        return Shapes.polygon(xs, ys, 2 * n);
    }

    /** @return sample {@code i} of {@code n} from {@code da} to {@code db} in geometric steps, ends exact */
    private static double depthSample(double da, double db, int i, int n) {
        return i == 0 ? da : i == n - 1 ? db : da * StrictMath.pow(db / da, i / (double) (n - 1));
    }

    /** @return the vertical curb face at {@code u} from the road up to the sidewalk over {@code sA..sB} */
    private static Path2D face(Camera cam, double u, double sA, double sB) {
        double da = Math.max(sA - cam.s, Camera.NEAR);
        double db = Math.min(sB - cam.s, Camera.FAR);
        if (db <= da) {
            return null;
        }
        int n = SAMPLES;
        double[] xs = new double[2 * n];
        double[] ys = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double s = cam.s + depthSample(da, db, i, n);
            xs[i] = cam.x(u, s);
            xs[2 * n - 1 - i] = xs[i];
            ys[i] = cam.y(0, s);
            ys[2 * n - 1 - i] = cam.y(Road.CURB, s);
        }
        return Shapes.polygon(xs, ys, 2 * n);
    }
}
