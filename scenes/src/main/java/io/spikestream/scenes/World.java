package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of one clip, generated once from its seed: road and ground, buildings, walls, fences,
 * vegetation, street furniture, pedestrians and traffic. Positions are analytic functions of time, so any
 * frame can be rendered on its own. A {@link CameraKind#FIXED fixed} camera stands still in the right
 * parking strip at {@code s = 0}; the world is then populated around it rather than along a drive.
 */
final class World {

    private static final int[] FACADES = {0xC8B89A, 0x9A9A98, 0x8A4A3A, 0xD8D8D0, 0xD0B880, 0xA0A8B0, 0x6A6A6A,
        0xC09088, 0xB8A890, 0x7A7068, 0xE0D8C8, 0x9A7A60};

    final ClipStyle style;
    final CameraKind camera;
    final Road road;
    final Ground ground;
    final double egoSpeed;
    /** Lateral position of the camera (m right of the centre line). */
    final double cameraU;
    final List<Drawable> objects = new ArrayList<>();
    final Sky sky;
    final double horizon;
    final double cameraHeight;
    final double hood;
    final double[] jitter;
    private final Rng rng;
    private final double duration;
    private int nextInstance = 1;

    World(long seed, double duration, Lighting lighting, Weather weather, CameraKind camera) {
        rng = new Rng(seed);
        this.duration = duration;
        this.camera = camera;
        Lighting light = lighting != null ? lighting : pickLighting(rng);
        Weather air = weather != null ? weather : pickWeather(rng);
        style = new ClipStyle(rng, light, air);
        double driveSpeed = rng.uniform(5, 13);
        egoSpeed = fixedCamera() ? 0 : driveSpeed;
        double sEnd = egoSpeed * duration + Camera.FAR_OBJECTS + 20;
        boolean cyclists = rng.chance(0.5) || fixedCamera();
        road = new Road(rng, sEnd, cyclists, fixedCamera());
        cameraU = fixedCamera() ? road.parkingU(1) : road.cameraU;
        ground = new Ground(rng, road, sEnd);
        for (Road.Lot lot : road.lots) {
            lot(lot);
        }
        for (int side = -1; side <= 1; side += 2) {
            new Roadside(this, side, sEnd).populate();
        }
        new Traffic(this, sEnd, cyclists).populate();
        sky = new Sky(rng, style);
        horizon = rng.uniform(0.4, 0.47);
        cameraHeight = rng.uniform(1.2, 1.45);
        hood = rng.chance(0.5) ? rng.uniform(0.05, 0.09) : 0;
        jitter = new double[] {rng.uniform(0, 7), rng.uniform(0, 7), rng.uniform(0, 7), rng.uniform(0.5, 1.5)};
    }

    /** @return whether the camera is parked ({@link CameraKind#FIXED}) rather than driving */
    boolean fixedCamera() {
        return camera == CameraKind.FIXED;
    }

    Rng rng() {
        return rng;
    }

    double duration() {
        return duration;
    }

    int newInstance() {
        return nextInstance++;
    }

    private static Lighting pickLighting(Rng rng) {
        double p = rng.uniform(0, 1);
        return p < 0.55 ? Lighting.DAY : p < 0.85 ? Lighting.OVERCAST : Lighting.DUSK;
    }

    private static Weather pickWeather(Rng rng) {
        double p = rng.uniform(0, 1);
        return p < 0.5 ? Weather.CLEAR : p < 0.75 ? Weather.HAZE : p < 0.87 ? Weather.RAIN : Weather.FOG;
    }

    private void lot(Road.Lot lot) {
        int side = lot.side();
        double outer = road.outer(side);
        switch (lot.type()) {
            case BUILDING:
                building(side, outer + side * rng.uniform(0, 2.5), lot.s0(), lot.s1(), rng.uniform(8, 26));
                break;
            case PARK:
                boundary(side, outer + side * 0.15, lot.s0(), lot.s1());
                trees(side, outer + side * 1.5, outer + side * 18, lot.s0(), lot.s1(), 7);
                if (rng.chance(0.6)) {
                    building(side, outer + side * rng.uniform(22, 35), lot.s0(), lot.s1(), rng.uniform(10, 25));
                }
                break;
            case WALLED:
                int color = rng.vary(rng.pick(new int[] {0x9A968C, 0xB0A890, 0x807C78, 0xA89C8C}), 0.08);
                planes(outer + side * 0.15, lot.s0(), lot.s1(), rng.uniform(1.6, 3), color, Cityscapes.WALL, 1,
                    Decors.wall(rng, color));
                trees(side, outer + side * 2.5, outer + side * 8, lot.s0(), lot.s1(), 9);
                building(side, outer + side * rng.uniform(9, 14), lot.s0(), lot.s1(), rng.uniform(8, 20));
                break;
            default:
                building(side, outer + side * 28, lot.s0() + 2, lot.s1() - 2, rng.uniform(10, 22));
        }
    }

    private void building(int side, double u, double s0, double s1, double height) {
        int color = rng.vary(rng.pick(FACADES), 0.1);
        int shaded = Colors.scale(color, style.facadeShade(side));
        Panel.Decor windows = Decors.windows(rng, 0, s1 - s0, style.lightsOn);
        planes(u, s0, s1, height, shaded, Cityscapes.BUILDING, 1, windows);
        double depth = rng.uniform(12, 25);
        double[] end = {u, s0, u + side * depth, s0};
        objects.add(new Panel(end, 0, height, Colors.scale(color, 0.8), Cityscapes.BUILDING, 0, 1, 0,
            Decors.windows(rng, 0, depth, style.lightsOn)));
    }

    /** Adds a long vertical plane at {@code u} from {@code s0} to {@code s1} as panels of at most 4 m. */
    void planes(double u, double s0, double s1, double top, int color, int trainId, double alpha,
                Panel.Decor decor) {
        int instance = trainId == Cityscapes.BUILDING ? 0 : newInstance();
        for (double s = s0; s < s1 - 1e-6; s += 4) {
            double e = Math.min(s1, s + 4);
            double[] line = {u, s, u, Math.min(s1, e + 0.05)};
            objects.add(new Panel(line, 0, top, color, trainId, instance, alpha, s - s0, decor));
        }
    }

    private void boundary(int side, double u, double s0, double s1) {
        double p = rng.uniform(0, 1);
        if (p < 0.4) {
            int mesh = rng.pick(new int[] {0x6A7068, 0x8A8C88, 0x9A8A70, 0x50584C});
            planes(u, s0, s1, rng.uniform(1.0, 1.9), mesh, Cityscapes.FENCE, 0.45, Decors.fence(rng));
        } else if (p < 0.6) {
            int green = rng.vary(0x3E5A26, 0.15);
            planes(u, s0, s1, rng.uniform(0.9, 1.7), green, Cityscapes.VEGETATION, 1, Decors.hedge(rng, green));
        } else if (p < 0.75) {
            int color = rng.vary(0xA09A90, 0.1);
            planes(u, s0, s1, rng.uniform(0.5, 1.1), color, Cityscapes.WALL, 1, Decors.wall(rng, color));
        }
    }

    void trees(int side, double uNear, double uFar, double s0, double s1, double spacing) {
        int n = (int) Math.max(1, (s1 - s0) / spacing);
        for (int i = 0; i < n; i++) {
            double u = rng.uniform(Math.min(uNear, uFar), Math.max(uNear, uFar));
            objects.add(new Tree(rng, u, rng.uniform(s0, s1), rng.uniform(5, 12), newInstance()));
        }
    }
}
