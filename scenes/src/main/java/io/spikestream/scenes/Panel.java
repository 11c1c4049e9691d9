package io.spikestream.scenes;

import java.awt.geom.Path2D;

/**
 * A vertical rectangle standing on the ground line from {@code (u0, s0)} to {@code (u1, s1)}, between heights
 * {@code bottom} and {@code top}: a piece of facade, wall, fence or hedge. Long planes are cut into short
 * panels so that the painter's order by distance stays right next to trees and people.
 */
final class Panel implements Drawable {

    /** Decorates the visible part {@code a0..a1} (metres along the whole plane) of a panel. */
    interface Decor {
        void draw(Canvas canvas, Camera cam, Panel panel, double a0, double a1);
    }

    final double u0;
    final double s0;
    final double u1;
    final double s1;
    final double bottom;
    final double top;
    final int color;
    final int trainId;
    final int instance;
    final double alpha;
    final double offset;
    final Decor decor;

    Panel(double[] line, double bottom, double top, int color, int trainId, int instance, double alpha,
          double offset, Decor decor) {
        this.u0 = line[0];
        this.s0 = line[1];
        this.u1 = line[2];
        this.s1 = line[3];
        this.bottom = bottom;
        this.top = top;
        this.color = color;
        this.trainId = trainId;
        this.instance = instance;
        this.alpha = alpha;
        this.offset = offset;
        this.decor = decor;
    }

    double length() {
        return Math.hypot(u1 - u0, s1 - s0);
    }

    /** @return road coordinates {u, s} at {@code a} metres (global) along the plane */
    double u(double a) {
        return u0 + (u1 - u0) * (a - offset) / length();
    }

    double s(double a) {
        return s0 + (s1 - s0) * (a - offset) / length();
    }

    @Override
    public double distance(Camera cam, double t) {
        double[] range = visible(cam);
        if (range == null) {
            return Double.NaN;
        }
        double a = s(range[0]) <= s(range[1]) ? range[0] : range[1];
        return cam.distance(u(a), s(a));
    }

    @Override
    public void draw(Canvas canvas, Camera cam, double t) {
        double[] range = visible(cam);
        Path2D quad = quad(cam, range[0], range[1], bottom, top);
        double depth = cam.distance(u((range[0] + range[1]) / 2), s((range[0] + range[1]) / 2));
        canvas.fill(quad, color, trainId, instance, depth, alpha);
        if (decor != null) {
            decor.draw(canvas, cam, this, range[0], range[1]);
        }
    }

    /** @return the screen quad of {@code a0..a1 x h0..h1} on this plane */
    Path2D quad(Camera cam, double a0, double a1, double h0, double h1) {
        double ua = u(a0);
        double sa = s(a0);
        double ub = u(a1);
        double sb = s(a1);
        return Shapes.quad(cam.x(ua, sa), cam.y(h0, sa), cam.x(ub, sb), cam.y(h0, sb), cam.x(ub, sb),
            cam.y(h1, sb), cam.x(ua, sa), cam.y(h1, sa));
    }

    /** @return {a0, a1}, the part of the plane at least {@link Camera#NEAR} ahead, or null */
    double[] visible(Camera cam) {
        double near = cam.s + Camera.NEAR;
        double len = length();
        double a0 = offset;
        double a1 = offset + len;
        if (Math.max(s0, s1) < near || Math.min(s0, s1) - cam.s > Camera.FAR_OBJECTS) {
            return null;
        }
        if (s0 < near) {
            a0 = offset + len * (near - s0) / (s1 - s0);
        } else if (s1 < near) {
            a1 = offset + len * (near - s0) / (s1 - s0);
        }
        return a1 - a0 > 1e-3 ? new double[] {a0, a1} : null;
    }
}
