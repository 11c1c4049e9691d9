package io.spikestream.scenes;

import java.awt.geom.Path2D;

/**
 * An axis-aligned box in road coordinates; {@link #draw} fills its faces that face the camera (screen-space
 * back-face culling), which never overlap one another.
 */
final class Box {

    enum Face { REAR, FRONT, LEFT, RIGHT, TOP }

    /** Receives each drawn face's corners: bottom-left, bottom-right, top-right, top-left as seen from outside. */
    interface FaceDetail {
        void draw(Face face, double[] xs, double[] ys);
    }

    private Box() {
    }

    /** @param b {u0, u1, h0, h1, s0, s1} */
    static void draw(Canvas canvas, Camera cam, double[] b, int color, int trainId, int instance, FaceDetail detail) {
        double depth = cam.distance(Math.max(b[0], Math.min(b[1], cam.u)), b[4]);
        for (Face face : Face.values()) {
            double[][] c = corners(face, b);
            double[] xs = new double[4];
            double[] ys = new double[4];
            for (int i = 0; i < 4; i++) {
                xs[i] = cam.x(c[i][0], c[i][2]);
                ys[i] = cam.y(c[i][1], c[i][2]);
            }
            if (signedArea(xs, ys) < 0) {
                canvas.fill(Shapes.polygon(xs, ys, 4), shade(face, color), trainId, instance, depth);
                if (detail != null) {
                    detail.draw(face, xs, ys);
                }
            }
        }
    }

    /** @return the sub-quad {@code a0..a1 x b0..b1} (fractions, a left to right, b bottom to top) of a face */
    static Path2D sub(double[] xs, double[] ys, double a0, double b0, double a1, double b1) {
        return Shapes.quad(px(xs, a0, b0), px(ys, a0, b0), px(xs, a1, b0), px(ys, a1, b0), px(xs, a1, b1),
            px(ys, a1, b1), px(xs, a0, b1), px(ys, a0, b1));
    }

    private static double px(double[] v, double a, double b) {
        return (v[0] * (1 - a) + v[1] * a) * (1 - b) + (v[3] * (1 - a) + v[2] * a) * b;
    }

    private static int shade(Face face, int color) {
        switch (face) {
            case TOP:
                return Colors.scale(color, 1.12);
            case LEFT:
            case RIGHT:
                return Colors.scale(color, 0.9);
            default:
                return color;
        }
    }

    private static double signedArea(double[] xs, double[] ys) {
        double area = 0;
        for (int i = 0; i < 4; i++) {
            int j = (i + 1) & 3;
            area += xs[i] * ys[j] - xs[j] * ys[i];
        }
        return area;
    }

    private static double[][] corners(Face face, double[] b) {
        double u0 = b[0];
        double u1 = b[1];
        double h0 = b[2];
        double h1 = b[3];
        double s0 = b[4];
        double s1 = b[5];
        switch (face) {
            case REAR:
                return new double[][] {{u0, h0, s0}, {u1, h0, s0}, {u1, h1, s0}, {u0, h1, s0}};
            case FRONT:
                return new double[][] {{u1, h0, s1}, {u0, h0, s1}, {u0, h1, s1}, {u1, h1, s1}};
            case LEFT:
                return new double[][] {{u0, h0, s1}, {u0, h0, s0}, {u0, h1, s0}, {u0, h1, s1}};
            case RIGHT:
                return new double[][] {{u1, h0, s0}, {u1, h0, s1}, {u1, h1, s1}, {u1, h1, s0}};
            default:
                return new double[][] {{u0, h1, s0}, {u1, h1, s0}, {u1, h1, s1}, {u0, h1, s1}};
        }
    }
}
