package io.spikestream.scenes;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;

/**
 * A person drawn as a billboard: walking (legs and arms swing), standing, or seated on a two-wheeler as a
 * rider. A pedestrian moves with constant velocity {@code (vu, vs)} on the ground at height {@code ground}.
 */
final class Person implements Drawable {

    private final double u0;
    private final double s0;
    private final double vu;
    private final double vs;
    private final double ground;
    private final double k;
    private final double phase;
    private final int skin;
    private final int hair;
    private final int top;
    private final int pants;
    private final boolean bag;
    final int trainId;
    final int instance;

    Person(Rng rng, double u0, double s0, double vu, double vs, double ground, int trainId, int instance) {
        this.u0 = u0;
        this.s0 = s0;
        this.vu = vu;
        this.vs = vs;
        this.ground = ground;
        this.trainId = trainId;
        this.instance = instance;
        k = rng.uniform(1.5, 1.95) / 1.75;
        phase = rng.uniform(0, 2 * Math.PI);
        skin = rng.pick(new int[] {0xE8B896, 0xC89670, 0x8C5A3C, 0xF0C8A8, 0x5A3C28});
        hair = rng.pick(new int[] {0x201810, 0x4A3020, 0x8A6A40, 0xB0B0B0, 0x101010});
        top = rng.pick(new int[] {0x202020, 0xE0E0E0, 0x2A3A6A, 0x8A2020, 0x3A5A3A, 0xC08020, 0x6A6A70, 0xA05080,
            0x1A4A8A, 0xD0C8B0});
        pants = rng.pick(new int[] {0x1A1A24, 0x2A3A5A, 0x3A3A3A, 0x8A7A5A, 0x20202A, 0x505868});
        bag = rng.chance(0.3);
    }

    double u(double t) {
        return u0 + vu * t;
    }

    double s(double t) {
        return s0 + vs * t;
    }

    @Override
    public double distance(Camera cam, double t) {
        double d = cam.depth(s(t));
        return d > Camera.NEAR + 0.5 && d < Camera.FAR_OBJECTS ? cam.distance(u(t), s(t)) : Double.NaN;
    }

    @Override
    public void draw(Canvas canvas, Camera cam, double t) {
        double speed = Math.hypot(vu, vs);
        double swing = speed < 0.1 ? 0 : 0.4 * StrictMath.sin(phase + 2 * Math.PI * 0.9 * speed * t);
        AffineTransform at = Shapes.billboard(cam, u(t), ground, s(t));
        double depth = cam.distance(u(t), s(t));
        leg(canvas, at, depth, -0.075, swing);
        leg(canvas, at, depth, 0.075, -swing);
        upperBody(canvas, at, depth, 0.88 * k, swing);
    }

    /** Draws a rider seated at {@code seat} metres, legs reaching down to {@code foot} metres either side. */
    void drawRider(Canvas canvas, Camera cam, double u, double s, double seat, boolean helmet) {
        AffineTransform at = Shapes.billboard(cam, u, 0, s);
        double depth = cam.distance(u, s);
        for (int side = -1; side <= 1; side += 2) {
            fill(canvas, at, depth, limb(side * 0.1 * k, seat, side * 0.2 * k, seat - 0.35 * k, 0.14 * k), pants);
            fill(canvas, at, depth, limb(side * 0.2 * k, seat - 0.35 * k, side * 0.17 * k, seat - 0.75 * k, 0.11 * k),
                pants);
        }
        upperBody(canvas, at, depth, seat, 0);
        if (helmet) {
            fill(canvas, at, depth, new Ellipse2D.Double(-0.14 * k, seat + 0.66 * k, 0.28 * k, 0.3 * k), hair == 0x101010
                ? 0xC02020 : 0x181818);
        }
    }

    private void leg(Canvas canvas, AffineTransform at, double depth, double x, double swing) {
        double footX = x + StrictMath.sin(swing) * 0.85 * k;
        fill(canvas, at, depth, limb(x, 0.9 * k, footX, 0.05 * k, 0.14 * k), pants);
        fill(canvas, at, depth, limb(footX - 0.02, 0.06 * k, footX + 0.05, 0.02, 0.1 * k), 0x202020);
    }

    private void upperBody(Canvas canvas, AffineTransform at, double depth, double hip, double swing) {
        double w = 0.42 * k;
        for (int side = -1; side <= 1; side += 2) {
            double handX = side * 0.24 * k - StrictMath.sin(side * swing) * 0.45 * k;
            fill(canvas, at, depth, limb(side * 0.2 * k, hip + 0.55 * k, handX, hip - 0.05 * k, 0.1 * k), top);
        }
        fill(canvas, at, depth, new RoundRectangle2D.Double(-w / 2, hip - 0.03 * k, w, 0.62 * k, 0.12 * k, 0.12 * k),
            top);
        if (bag) {
            fill(canvas, at, depth, new RoundRectangle2D.Double(w / 2 - 0.05, hip - 0.05, 0.16 * k, 0.3 * k, 0.05, 0.05),
                0x30282A);
        }
        fill(canvas, at, depth, new Ellipse2D.Double(-0.1 * k, hip + 0.6 * k, 0.2 * k, 0.26 * k), skin);
        fill(canvas, at, depth, new Ellipse2D.Double(-0.105 * k, hip + 0.74 * k, 0.21 * k, 0.14 * k), hair);
    }

    private void fill(Canvas canvas, AffineTransform at, double depth, Shape local, int color) {
        canvas.fill(at.createTransformedShape(local), color, trainId, instance, depth);
    }

    /** @return a tapered limb from {@code (x0, y0)} to {@code (x1, y1)} of width {@code w} (local metres) */
    private static Path2D limb(double x0, double y0, double x1, double y1, double w) {
        double len = Math.max(1e-6, Math.hypot(x1 - x0, y1 - y0));
        double nx = -(y1 - y0) / len * w / 2;
        double ny = (x1 - x0) / len * w / 2;
        return Shapes.quad(x0 + nx, y0 + ny, x1 + nx * 0.8, y1 + ny * 0.8, x1 - nx * 0.8, y1 - ny * 0.8, x0 - nx,
            y0 - ny);
    }
}
