package io.spikestream.scenes;

/** Box models of cars, trucks and buses with windows, lights, plates and wheels. */
final class VehicleBodies {

    private static final int GLASS = 0x1E2630;
    private static final int DARK = 0x151515;

    private VehicleBodies() {
    }

    static void car(Canvas canvas, Camera cam, Vehicle v, double s) {
        double l = v.length();
        double sa = s - l / 2;
        double sb = s + l / 2;
        double u0 = v.u() - v.width() / 2;
        double u1 = v.u() + v.width() / 2;
        double belt = v.height() * 0.62;
        underbody(canvas, cam, v, sa, sb, 0.32);
        Box.draw(canvas, cam, new double[] {u0, u1, 0.28, belt, sa, sb}, v.color(), v.trainId(), v.instance(),
            (face, xs, ys) -> bodyDetail(canvas, v, face, xs, ys, 0.55, 0.85));
        double front = v.heading() > 0 ? 0.3 : 0.18;
        double back = v.heading() > 0 ? 0.18 : 0.3;
        Box.draw(canvas, cam, new double[] {u0 + 0.1, u1 - 0.1, belt, v.height(), sa + back * l, sb - front * l},
            v.color(), v.trainId(), v.instance(), (face, xs, ys) -> glass(canvas, face, xs, ys, 0.08, 0.12));
        wheels(canvas, cam, v, sa + 0.2 * l, sb - 0.2 * l, 0.33);
    }

    static void truck(Canvas canvas, Camera cam, Vehicle v, double s) {
        double sa = s - v.length() / 2;
        double sb = s + v.length() / 2;
        double u0 = v.u() - v.width() / 2;
        double u1 = v.u() + v.width() / 2;
        underbody(canvas, cam, v, sa, sb, 0.9);
        double[] cab = v.heading() > 0 ? new double[] {u0 + 0.05, u1 - 0.05, 0.5, v.height() * 0.82, sb - 2.3, sb}
            : new double[] {u0 + 0.05, u1 - 0.05, 0.5, v.height() * 0.82, sa, sa + 2.3};
        double[] cargo = v.heading() > 0 ? new double[] {u0, u1, 0.9, v.height(), sa, sb - 2.45}
            : new double[] {u0, u1, 0.9, v.height(), sa + 2.45, sb};
        Box.FaceDetail cabDetail = (face, xs, ys) -> {
            if (face != Box.Face.TOP && face != Box.Face.FRONT) {
                canvas.paint(Box.sub(xs, ys, 0.08, 0.55, 0.92, 0.88), GLASS);
            }
            bodyDetail(canvas, v, face, xs, ys, 0.15, 0.3);
        };
        Box.FaceDetail cargoDetail = (face, xs, ys) -> {
            if (face == Box.Face.REAR) {
                canvas.paint(Box.sub(xs, ys, 0.495, 0.02, 0.505, 0.98), Colors.scale(v.accent(), 0.6));
            } else if (face == Box.Face.LEFT || face == Box.Face.RIGHT) {
                canvas.paint(Box.sub(xs, ys, 0, 0.45, 1, 0.6), v.color());
            }
        };
        if (v.heading() > 0) {
            Box.draw(canvas, cam, cab, v.color(), v.trainId(), v.instance(), cabDetail);
            Box.draw(canvas, cam, cargo, v.accent(), v.trainId(), v.instance(), cargoDetail);
        } else {
            Box.draw(canvas, cam, cargo, v.accent(), v.trainId(), v.instance(), cargoDetail);
            Box.draw(canvas, cam, cab, v.color(), v.trainId(), v.instance(), cabDetail);
        }
        wheels(canvas, cam, v, sa + 1.4, sb - 1.4, 0.5);
    }

    static void bus(Canvas canvas, Camera cam, Vehicle v, double s) {
        double sa = s - v.length() / 2;
        double sb = s + v.length() / 2;
        underbody(canvas, cam, v, sa, sb, 0.35);
        double[] box = {v.u() - v.width() / 2, v.u() + v.width() / 2, 0.3, v.height(), sa, sb};
        Box.draw(canvas, cam, box, v.color(), v.trainId(), v.instance(), (face, xs, ys) -> {
            if (face == Box.Face.LEFT || face == Box.Face.RIGHT) {
                canvas.paint(Box.sub(xs, ys, 0.02, 0.28, 0.98, 0.36), v.accent());
                for (int i = 0; i < 7; i++) {
                    canvas.paint(Box.sub(xs, ys, 0.04 + i * 0.135, 0.48, 0.16 + i * 0.135, 0.86), GLASS);
                }
            } else if (face == Box.Face.REAR) {
                double low = v.heading() > 0 ? 0.62 : 0.4;
                canvas.paint(Box.sub(xs, ys, 0.06, low, 0.94, 0.86), GLASS);
                if (v.heading() < 0) {
                    canvas.glow(Box.sub(xs, ys, 0.2, 0.88, 0.8, 0.96), 0xF0A020);
                }
                bodyDetail(canvas, v, face, xs, ys, 0.1, 0.2);
            }
        });
        wheels(canvas, cam, v, sa + 2.5, sb - 2.8, 0.5);
        if (v.type() == Vehicle.Type.TRAIN) {
            pantograph(canvas, cam, v, s);
        }
    }

    /** The tram's current collector: a frame from the roof up to the (unseen) wire. */
    private static void pantograph(Canvas canvas, Camera cam, Vehicle v, double s) {
        double top = v.height() + 1.1;
        double[] foot = {v.u(), v.height(), s};
        double[] knee = {v.u() - 0.4, v.height() + 0.6, s + 0.8};
        double[] head = {v.u(), top, s};
        double depth = cam.distance(v.u(), s);
        canvas.fill(Shapes.tube(cam, foot, knee, 0.08), 0x303030, v.trainId(), v.instance(), depth);
        canvas.fill(Shapes.tube(cam, knee, head, 0.08), 0x303030, v.trainId(), v.instance(), depth);
        canvas.fill(Shapes.tube(cam, new double[] {v.u() - 0.9, top, s}, new double[] {v.u() + 0.9, top, s}, 0.1),
            0x303030, v.trainId(), v.instance(), depth);
    }

    /** Tail lights and plate (rear), or headlights, grille and plate (front of oncoming vehicles). */
    private static void bodyDetail(Canvas canvas, Vehicle v, Box.Face face, double[] xs, double[] ys, double b0,
                                   double b1) {
        if (face != Box.Face.REAR) {
            return;
        }
        boolean rear = v.heading() > 0;
        int lamp = rear ? (v.lightsOn() ? 0xFF2A20 : 0xA01818) : (v.lightsOn() ? 0xFFF8E8 : 0xD8D8D0);
        if (!rear) {
            canvas.paint(Box.sub(xs, ys, 0.3, b0 - 0.05, 0.7, b1 - 0.05), DARK);
        }
        canvas.glow(Box.sub(xs, ys, 0.04, b0, 0.2, b1), canvas.lit(lamp, v.lightsOn()));
        canvas.glow(Box.sub(xs, ys, 0.8, b0, 0.96, b1), canvas.lit(lamp, v.lightsOn()));
        canvas.paint(Box.sub(xs, ys, 0.38, b0 * 0.3, 0.62, b0 * 0.3 + 0.12), 0xE8E8E0);
    }

    private static void glass(Canvas canvas, Box.Face face, double[] xs, double[] ys, double a, double b) {
        if (face != Box.Face.TOP && face != Box.Face.FRONT) {
            canvas.paint(Box.sub(xs, ys, a, b, 1 - a, 1 - b), GLASS);
        }
    }

    private static void underbody(Canvas canvas, Camera cam, Vehicle v, double sa, double sb, double top) {
        double half = v.width() * 0.43;
        Box.draw(canvas, cam, new double[] {v.u() - half, v.u() + half, 0, top, sa + 0.4, sb - 0.4}, DARK,
            v.trainId(), v.instance(), null);
    }

    private static void wheels(Canvas canvas, Camera cam, Vehicle v, double sRear, double sFront, double r) {
        double side = cam.u < v.u() ? v.u() - v.width() / 2 - 0.02 : v.u() + v.width() / 2 + 0.02;
        if (Math.abs(cam.u - v.u()) < v.width() / 2) {
            return;
        }
        double depth = cam.distance(side, sRear);
        for (double s : new double[] {sFront, sRear}) {
            if (cam.depth(s - r) > Camera.NEAR) {
                canvas.fill(Shapes.disc(cam, side, r, s, r, 1, 0), DARK, v.trainId(), v.instance(), depth);
                canvas.paint(Shapes.disc(cam, side, r, s, r * 0.5, 1, 0), 0x8A8C90);
            }
        }
    }
}
