package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;

/**
 * A road vehicle moving along its lane at constant speed (parked ones at speed 0): car, truck, bus or tram built
 * from boxes, or a motorcycle or bicycle, optionally with a {@link Person} as rider. {@code heading} is +1
 * for traffic in the camera's direction, -1 for oncoming traffic; two-wheelers may also stand across the road.
 */
final class Vehicle implements Drawable {

    enum Type { CAR, TRUCK, BUS, TRAIN, MOTORCYCLE, BICYCLE }

    private static final int[] CAR_COLORS = {0xE8E8E8, 0xB8BCC0, 0x202224, 0x3A3E44, 0x8A1C1C, 0x1C3A7A, 0x6A6E72,
        0xD8D0C0, 0x2A4A2A, 0x4A5A7A, 0xF0F0F0, 0x7A1A2A};

    private final Type type;
    private final double u;
    private final double s0;
    private final double speed;
    private final int heading;
    private final boolean across;
    private final double length;
    private final double width;
    private final double height;
    private final int color;
    private final int accent;
    private final boolean lightsOn;
    private final Person rider;
    private final int instance;

    /**
     * @param s0   position of the centre at time 0
     * @param size {length, width, height} from {@link #size}
     */
    Vehicle(Rng rng, Type type, double[] size, double u, double s0, double speed, int heading, boolean across,
            boolean lightsOn, Person rider, int instance) {
        this.type = type;
        this.u = u;
        this.s0 = s0;
        this.speed = speed;
        this.heading = heading;
        this.across = across;
        this.lightsOn = lightsOn;
        this.rider = rider;
        this.instance = instance;
        length = size[0];
        width = size[1];
        height = size[2];
        color = type == Type.TRAIN ? rng.pick(new int[] {0xE0C020, 0x20A0A0, 0xE8E8E8, 0xC8202A})
            : type == Type.BUS ? rng.pick(new int[] {0xE8E4D8, 0xB02020, 0x2A5A9A, 0x3A8A4A})
            : rng.pick(CAR_COLORS);
        accent = rng.pick(new int[] {0xE0E0E0, 0x2A5A9A, 0xB02020, 0xD8B020, 0x3A3A3A});
    }

    /** @return a random {length, width, height} (m) of a vehicle of {@code type} */
    static double[] size(Rng rng, Type type) {
        switch (type) {
            case CAR:
                return new double[] {rng.uniform(3.8, 4.9), rng.uniform(1.7, 1.9), rng.uniform(1.4, 1.6)};
            case TRUCK:
                return new double[] {rng.uniform(6.5, 10), rng.uniform(2.3, 2.55), rng.uniform(3.0, 3.8)};
            case BUS:
                return new double[] {rng.uniform(11, 13), 2.55, rng.uniform(3.0, 3.3)};
            case TRAIN:
                return new double[] {rng.uniform(25, 32), 2.4, 3.4};
            case MOTORCYCLE:
                return new double[] {2.0, 0.7, 1.1};
            default:
                return new double[] {1.75, 0.55, 1.0};
        }
    }

    Type type() {
        return type;
    }

    int trainId() {
        switch (type) {
            case CAR:
                return Cityscapes.CAR;
            case TRUCK:
                return Cityscapes.TRUCK;
            case BUS:
                return Cityscapes.BUS;
            case TRAIN:
                return Cityscapes.TRAIN;
            case MOTORCYCLE:
                return Cityscapes.MOTORCYCLE;
            default:
                return Cityscapes.BICYCLE;
        }
    }

    double s(double t) {
        return s0 + speed * heading * t;
    }

    @Override
    public double distance(Camera cam, double t) {
        double half = across ? width / 2 : length / 2;
        double d = cam.depth(s(t) - half);
        if (d < Camera.NEAR + 0.3 || d > Camera.FAR_OBJECTS) {
            return Double.NaN;
        }
        double halfU = across ? length / 2 : width / 2;
        return cam.distance(Math.max(u - halfU, Math.min(u + halfU, cam.u)), s(t) - half);
    }

    @Override
    public void draw(Canvas canvas, Camera cam, double t) {
        double s = s(t);
        switch (type) {
            case CAR:
                VehicleBodies.car(canvas, cam, this, s);
                break;
            case TRUCK:
                VehicleBodies.truck(canvas, cam, this, s);
                break;
            case BUS:
            case TRAIN:
                VehicleBodies.bus(canvas, cam, this, s);
                break;
            default:
                TwoWheelers.draw(canvas, cam, this, s);
        }
    }

    double u() {
        return u;
    }

    int heading() {
        return heading;
    }

    boolean across() {
        return across;
    }

    double length() {
        return length;
    }

    double width() {
        return width;
    }

    double height() {
        return height;
    }

    int color() {
        return color;
    }

    int accent() {
        return accent;
    }

    boolean lightsOn() {
        return lightsOn;
    }

    Person rider() {
        return rider;
    }

    int instance() {
        return instance;
    }
}
