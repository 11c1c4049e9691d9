package io.spikestream.scenes;

/** Bicycles (tyre rings and tube frame) and motorcycles (tyres, body, handlebar), each with an optional rider. */
final class TwoWheelers {

    private static final int TYRE = 0x181818;

    private TwoWheelers() {
    }

    static void draw(Canvas canvas, Camera cam, Vehicle v, double s) {
        boolean bicycle = v.type() == Vehicle.Type.BICYCLE;
        double r = bicycle ? 0.34 : 0.31;
        double base = bicycle ? 0.52 : 0.7;
        double cos = v.across() ? 0 : 1;
        double sin = v.across() ? 1 : 0;
        double sign = v.heading();
        double nearAlong = v.across() ? base : -base * sign;
        wheel(canvas, cam, v, s, -nearAlong, r, cos, sin);
        if (bicycle) {
            frame(canvas, cam, v, s, cos, sin, sign);
        } else {
            body(canvas, cam, v, s, cos, sin, sign);
        }
        if (v.rider() != null) {
            v.rider().drawRider(canvas, cam, v.u(), s - 0.15 * sign, bicycle ? 0.92 : 0.82, !bicycle);
        }
        wheel(canvas, cam, v, s, nearAlong, r, cos, sin);
    }

    private static void wheel(Canvas canvas, Camera cam, Vehicle v, double s, double along, double r, double cos,
                              double sin) {
        double u = v.u() + along * sin;
        double ws = s + along * cos;
        double depth = cam.distance(u, ws);
        boolean bicycle = v.type() == Vehicle.Type.BICYCLE;
        canvas.fill(Shapes.ring(cam, u, r, ws, r, bicycle ? 0.06 : 0.12, cos, sin), TYRE, v.trainId(), v.instance(),
            depth);
        if (v.across()) {
            return;
        }
        double t = bicycle ? 0.05 : 0.14;
        canvas.fill(Shapes.tube(cam, new double[] {u, 0.02, ws}, new double[] {u, 2 * r, ws},
            t), TYRE, v.trainId(), v.instance(), depth);
    }

    private static void frame(Canvas canvas, Camera cam, Vehicle v, double s, double cos, double sin, double sign) {
        double[][] p = {
            point(v, s, -0.52 * sign, 0.34, cos, sin), point(v, s, 0, 0.3, cos, sin),
            point(v, s, -0.14 * sign, 0.88, cos, sin), point(v, s, 0.38 * sign, 0.84, cos, sin),
            point(v, s, 0.42 * sign, 0.7, cos, sin), point(v, s, 0.52 * sign, 0.34, cos, sin),
            point(v, s, 0.36 * sign, 1.0, cos, sin)};
        int[][] tubes = {{0, 1}, {1, 2}, {2, 3}, {1, 4}, {0, 2}, {4, 5}, {3, 6}};
        double depth = cam.distance(v.u(), s);
        for (int[] tube : tubes) {
            canvas.fill(Shapes.tube(cam, p[tube[0]], p[tube[1]], 0.045), v.color(), v.trainId(), v.instance(), depth);
        }
        double[] bar = p[6];
        canvas.fill(Shapes.tube(cam, new double[] {bar[0] - 0.25 * cos, bar[1], bar[2] - 0.25 * sin},
            new double[] {bar[0] + 0.25 * cos, bar[1], bar[2] + 0.25 * sin}, 0.04), 0x202020, v.trainId(), v.instance(),
            depth);
        double[] seat = p[2];
        canvas.fill(Shapes.tube(cam, new double[] {seat[0] - 0.08 * cos, seat[1] + 0.03, seat[2]},
            new double[] {seat[0] + 0.08 * cos, seat[1] + 0.03, seat[2]}, 0.07), 0x181818, v.trainId(), v.instance(),
            depth);
    }

    private static void body(Canvas canvas, Camera cam, Vehicle v, double s, double cos, double sin, double sign) {
        double halfU = v.across() ? 0.6 : 0.2;
        double halfS = v.across() ? 0.2 : 0.6;
        double[] box = {v.u() - halfU, v.u() + halfU, 0.35, 0.95, s - halfS, s + halfS};
        Box.draw(canvas, cam, box, v.color(), v.trainId(), v.instance(), (face, xs, ys) -> {
            if (face == Box.Face.REAR && !v.across()) {
                int lamp = sign > 0 ? 0xFF2A20 : 0xFFF8E8;
                canvas.glow(Box.sub(xs, ys, 0.3, 0.75, 0.7, 0.95), canvas.lit(lamp, v.lightsOn()));
            }
        });
        double[] bar = point(v, s, 0.55 * sign, 1.05, cos, sin);
        canvas.fill(Shapes.tube(cam, new double[] {bar[0] - 0.38 * cos, bar[1], bar[2] - 0.38 * sin},
            new double[] {bar[0] + 0.38 * cos, bar[1], bar[2] + 0.38 * sin}, 0.05), 0x202020, v.trainId(),
            v.instance(), cam.distance(v.u(), s));
    }

    private static double[] point(Vehicle v, double s, double along, double h, double cos, double sin) {
        return new double[] {v.u() + along * sin, h, s + along * cos};
    }
}
