package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;

/**
 * Populates one sidewalk: street lamps, traffic signs, avenue trees, pedestrians and parked two-wheelers,
 * and at cross streets traffic lights (on posts and on mast arms over the road) and crossing pedestrians.
 */
final class Roadside {

    /** Depth (m) within which a parked camera sees pedestrians large enough to matter. */
    private static final double PARKED_CAMERA_FIELD = 80;

    private final World world;
    private final Rng rng;
    private final Road road;
    private final int side;
    private final double sEnd;
    private final double edge;
    private final double outer;

    Roadside(World world, int side, double sEnd) {
        this.world = world;
        this.rng = world.rng();
        this.road = world.road;
        this.side = side;
        this.sEnd = sEnd;
        this.edge = road.edge(side);
        this.outer = road.outer(side);
    }

    void populate() {
        lamps();
        signs();
        if (rng.chance(0.45) && road.walk(side) > 2.6) {
            avenueTrees();
        }
        pedestrians();
        parkedTwoWheelers();
        for (double[] crossing : road.crossings) {
            crossing(crossing);
        }
    }

    private void lamps() {
        double spacing = rng.uniform(22, 38);
        double reach = rng.uniform(1.2, 2.2);
        for (double s = rng.uniform(0, spacing); s < sEnd; s += spacing * rng.uniform(0.9, 1.1)) {
            if (!road.inCrossing(s, 1)) {
                add(StreetFurniture.Kind.LAMP, edge + side * 0.5, s, reach);
            }
        }
    }

    private void signs() {
        for (double s = rng.uniform(5, 40); s < sEnd; s += rng.uniform(20, 60)) {
            if (!road.inCrossing(s, 1)) {
                add(StreetFurniture.Kind.SIGN, edge + side * rng.uniform(0.3, 0.7), s, 0);
            }
        }
    }

    private void avenueTrees() {
        double spacing = rng.uniform(9, 14);
        for (double s = rng.uniform(0, spacing); s < sEnd; s += spacing) {
            if (!road.inCrossing(s, 2)) {
                world.objects.add(new Tree(rng, edge + side * 1.1, s, rng.uniform(6, 11), world.newInstance()));
            }
        }
    }

    /** Pedestrians along the whole drive, or for a parked camera twice as many within its near field. */
    private void pedestrians() {
        double density = rng.uniform(0.015, 0.1);
        double from = 0;
        double to = sEnd;
        if (world.fixedCamera()) {
            density *= 2;
            from = 2;
            to = PARKED_CAMERA_FIELD;
        }
        int n = (int) (density * (to - from));
        for (int i = 0; i < n; i++) {
            double s = rng.uniform(from, to);
            if (road.inCrossing(s, 0)) {
                continue;
            }
            double u = rng.uniform(Math.min(edge, outer) + 0.6, Math.max(edge, outer) - 0.5);
            double v = rng.chance(0.75) ? rng.uniform(0.8, 1.6) * (rng.chance(0.5) ? 1 : -1) : 0;
            world.objects.add(new Person(rng, u, s, 0, v, Road.CURB, Cityscapes.PERSON, world.newInstance()));
        }
    }

    private void parkedTwoWheelers() {
        for (double s = rng.uniform(5, 60); s < sEnd; s += rng.uniform(30, 90)) {
            if (road.inCrossing(s, 2)) {
                continue;
            }
            boolean motorcycle = rng.chance(0.3);
            int count = rng.nextInt(1, motorcycle ? 3 : 5);
            for (int i = 0; i < count; i++) {
                Vehicle.Type type = motorcycle ? Vehicle.Type.MOTORCYCLE : Vehicle.Type.BICYCLE;
                world.objects.add(new Vehicle(rng, type, Vehicle.size(rng, type), outer - side * (motorcycle ? 1.1 : 0.9),
                    s + i * 0.8, 0, 1, true, false, null, world.newInstance()));
            }
        }
    }

    private void crossing(double[] c) {
        double reach = side > 0 ? edge + 0.6 - road.same * road.lane * 0.5 : 0;
        add(StreetFurniture.Kind.TRAFFIC_LIGHT, edge + side * 0.6, c[0] - 1.5, 0);
        if (side > 0 && rng.chance(0.6)) {
            add(StreetFurniture.Kind.OVERHEAD_LIGHT, edge + 0.6, c[1] + 1.5, reach);
        } else {
            add(StreetFurniture.Kind.TRAFFIC_LIGHT, edge + side * 0.6, c[1] + 1.5, 0);
        }
        add(StreetFurniture.Kind.SIGN, edge + side * 0.5, c[0] - 3, 0);
        int walkers = rng.nextInt(0, 4);
        for (int i = 0; i < walkers; i++) {
            double s = rng.uniform(c[0] - 4.2, c[0] - 1.2);
            double u = rng.uniform(road.left, road.right);
            double vu = rng.uniform(0.9, 1.5) * -side;
            world.objects.add(new Person(rng, u, s, vu, 0, 0, Cityscapes.PERSON, world.newInstance()));
        }
    }

    private void add(StreetFurniture.Kind kind, double u, double s, double reach) {
        world.objects.add(new StreetFurniture(rng, kind, u, s, side, reach, world.style.lightsOn, world.newInstance()));
    }
}
