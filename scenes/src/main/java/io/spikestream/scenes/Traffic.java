package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;

/**
 * Populates the lanes: moving cars, trucks, buses, trams and motorcycles (each lane at its own speed, so vehicles
 * in a lane never overlap), oncoming traffic, cyclists in the bike lane and cars parked along the curbs.
 *
 * <p>For a {@link CameraKind#FIXED fixed} camera, parked at {@code s = 0} by the right curb, traffic in the
 * camera's direction drives at 8..15 m/s and starts behind the camera so that it keeps passing it, cyclists
 * ride near the camera, and the parking strip ahead of the camera is left free for {@value #FREE_AHEAD} m.
 */
final class Traffic {

    /** Length of the parking strip kept free ahead of a parked camera (m). */
    static final double FREE_AHEAD = 10;

    private final World world;
    private final Rng rng;
    private final Road road;
    private final double sEnd;
    private final boolean cyclists;

    Traffic(World world, double sEnd, boolean cyclists) {
        this.world = world;
        this.rng = world.rng();
        this.road = world.road;
        this.sEnd = sEnd;
        this.cyclists = cyclists;
    }

    void populate() {
        double density = rng.uniform(0.4, 1.2);
        for (int i = 0; i < road.same; i++) {
            double u = road.lane * (i + 0.5);
            if (world.fixedCamera()) {
                double speed = rng.uniform(8, 15);
                lane(u, speed, 1, -speed * world.duration() - 20, density, false);
            } else {
                boolean own = Math.abs(u - road.cameraU) < road.lane / 2;
                double speed = world.egoSpeed * (own ? rng.uniform(0.75, 1.0) : rng.uniform(0.5, 1.2));
                lane(u, speed, 1, own ? 14 : -30, density, false);
            }
        }
        for (int i = 0; i < road.oncoming; i++) {
            double u = -road.lane * (i + 0.5);
            lane(u, rng.uniform(6, 14), -1, 0, density, u == road.tramU);
        }
        if (cyclists) {
            bikes();
        }
        parked(1, road.parkRight);
        parked(-1, road.parkLeft);
    }

    /** Fills a lane with vehicles; on a tram lane the first vehicle past 30 m is a tram. */
    private void lane(double u, double speed, int heading, double start, double density, boolean tram) {
        double end = sEnd + speed * world.duration();
        double s = start + rng.uniform(0, 25);
        boolean tramPending = tram;
        while (s < end) {
            Vehicle.Type type = movingType();
            if (tramPending && s > 30) {
                type = Vehicle.Type.TRAIN;
                tramPending = false;
            }
            Person rider = type == Vehicle.Type.MOTORCYCLE ? rider() : null;
            double[] size = Vehicle.size(rng, type);
            double offset = type == Vehicle.Type.TRAIN ? 0 : rng.uniform(-0.3, 0.3);
            world.objects.add(new Vehicle(rng, type, size, u + offset, s + size[0] / 2, speed, heading,
                false, world.style.lightsOn || rng.chance(0.1), rider, world.newInstance()));
            s += size[0] + rng.uniform(8, 45) / density;
        }
    }

    private Vehicle.Type movingType() {
        double p = rng.uniform(0, 1);
        return p < 0.7 ? Vehicle.Type.CAR : p < 0.8 ? Vehicle.Type.TRUCK : p < 0.89 ? Vehicle.Type.BUS
            : Vehicle.Type.MOTORCYCLE;
    }

    private Person rider() {
        return new Person(rng, 0, 0, 0, 0, 0, Cityscapes.RIDER, world.newInstance());
    }

    private void bikes() {
        double u = road.same * road.lane + road.bikeLane / 2;
        int n = rng.nextInt(1, 4);
        for (int i = 0; i < n; i++) {
            double[] size = Vehicle.size(rng, Vehicle.Type.BICYCLE);
            double s = world.fixedCamera() ? rng.uniform(-10, 40) : rng.uniform(10, 120);
            world.objects.add(new Vehicle(rng, Vehicle.Type.BICYCLE, size, u, s, rng.uniform(3, 6),
                1, false, false, rider(), world.newInstance()));
        }
    }

    /** @return whether a car parked from {@code s} on side {@code side} would stand in a parked camera's view */
    private boolean blocksParkedCamera(int side, double s) {
        return world.fixedCamera() && side > 0 && s < FREE_AHEAD;
    }

    private void parked(int side, boolean present) {
        if (!present) {
            return;
        }
        double u = road.parkingU(side);
        for (double s = rng.uniform(-10, 5); s < sEnd; s += rng.uniform(5.2, 7.5)) {
            if (road.inCrossing(s, 8) || rng.chance(0.25) || blocksParkedCamera(side, s)) {
                continue;
            }
            Vehicle.Type type = rng.chance(0.08) ? Vehicle.Type.TRUCK : Vehicle.Type.CAR;
            double[] size = Vehicle.size(rng, type);
            world.objects.add(new Vehicle(rng, type, size, u, s + size[0] / 2, 0, rng.chance(0.8) ? side : -side,
                false, false, null, world.newInstance()));
            s += size[0] - 4.5;
        }
    }
}
