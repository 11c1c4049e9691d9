package io.spikestream.scenes;

import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;

/** Screen-space shape builders and 3D-to-screen helpers. */
final class Shapes {

    private Shapes() {
    }

    /** @return the map from local metres (x right, y up) at road point {@code (u, h, s)} to the screen */
    static AffineTransform billboard(Camera cam, double u, double h, double s) {
        double p = cam.scale(s);
        return new AffineTransform(p, 0, 0, -p, cam.x(u, s), cam.y(h, s));
    }

    /** @return the closed polygon through {@code (xs[i], ys[i])} */
    static Path2D polygon(double[] xs, double[] ys, int n) {
        Path2D.Float path = new Path2D.Float(Path2D.WIND_NON_ZERO, n + 1);
        path.moveTo(xs[0], ys[0]);
        for (int i = 1; i < n; i++) {
            path.lineTo(xs[i], ys[i]);
        }
        path.closePath();
        return path;
    }

    static Path2D quad(double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3) {
        Path2D.Float path = new Path2D.Float(Path2D.WIND_NON_ZERO, 5);
        path.moveTo(x0, y0);
        path.lineTo(x1, y1);
        path.lineTo(x2, y2);
        path.lineTo(x3, y3);
        path.closePath();
        return path;
    }

    /** @return a screen rectangle of the vertical road-aligned patch {@code u0..u1 x h0..h1} at {@code s} */
    static Path2D facing(Camera cam, double u0, double u1, double h0, double h1, double s) {
        double xa = cam.x(u0, s);
        double xb = cam.x(u1, s);
        double ya = cam.y(h0, s);
        double yb = cam.y(h1, s);
        return quad(xa, ya, xb, ya, xb, yb, xa, yb);
    }

    /**
     * @return a quad between two 3D points {@code (u, h, s)} of screen thickness {@code widthM} metres (at
     *     least 0.7 px), e.g. a bicycle tube or a lamp arm
     */
    static Path2D tube(Camera cam, double[] a, double[] b, double widthM) {
        double xa = cam.x(a[0], a[2]);
        double ya = cam.y(a[1], a[2]);
        double xb = cam.x(b[0], b[2]);
        double yb = cam.y(b[1], b[2]);
        double half = Math.max(0.35, widthM * cam.scale(Math.min(a[2], b[2])) * 0.5);
        double len = Math.max(1e-6, Math.hypot(xb - xa, yb - ya));
        double nx = -(yb - ya) / len * half;
        double ny = (xb - xa) / len * half;
        return quad(xa + nx, ya + ny, xb + nx, yb + ny, xb - nx, yb - ny, xa - nx, ya - ny);
    }

    /**
     * @return a ring (wheel) of radius {@code r} and tyre width {@code t} metres, centred at {@code (u, h, s)}
     *     in the vertical plane of heading {@code heading} (0 = along the road, pi/2 = across it)
     */
    static Path2D ring(Camera cam, double u, double h, double s, double r, double t, double cosH, double sinH) {
        Path2D.Float path = new Path2D.Float(Path2D.WIND_EVEN_ODD, 34);
        circle(path, cam, u, h, s, r, cosH, sinH);
        circle(path, cam, u, h, s, r - t, cosH, sinH);
        return path;
    }

    /** @return a filled disc, as {@link #ring} without the hole */
    static Path2D disc(Camera cam, double u, double h, double s, double r, double cosH, double sinH) {
        Path2D.Float path = new Path2D.Float(Path2D.WIND_NON_ZERO, 17);
        circle(path, cam, u, h, s, r, cosH, sinH);
        return path;
    }

    private static final int SEGMENTS = 16;
    private static final double[] COS = new double[SEGMENTS];
    private static final double[] SIN = new double[SEGMENTS];

    static {
        for (int i = 0; i < SEGMENTS; i++) {
            COS[i] = StrictMath.cos(2 * StrictMath.PI * i / SEGMENTS);
            SIN[i] = StrictMath.sin(2 * StrictMath.PI * i / SEGMENTS);
        }
    }

    private static void circle(Path2D path, Camera cam, double u, double h, double s, double r, double cosH,
                               double sinH) {
        for (int i = 0; i < SEGMENTS; i++) {
            double along = r * COS[i];
            double pu = u + along * sinH;
            double ps = s + along * cosH;
            double x = cam.x(pu, ps);
            double y = cam.y(h + r * SIN[i], ps);
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
    }
}
