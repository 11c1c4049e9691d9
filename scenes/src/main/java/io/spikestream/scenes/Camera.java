package io.spikestream.scenes;

/**
 * Pinhole camera riding along a road with constant curvature, in road coordinates: {@code s} metres along
 * the road, {@code u} metres to the right of the centre line, {@code h} metres above the road.
 *
 * <p>A point at depth {@code d = s - s_cam} projects to {@code x = cx + f (u - u_cam + k d^2 / 2) / d} and
 * {@code y = cy + f (h_cam - h) / d}, where {@code k} is the road curvature (1/m) and {@code cy} the horizon row.
 */
final class Camera {

    /** Nearest depth drawn (m). */
    static final double NEAR = 0.8;
    /** Farthest depth of ground and objects (m). */
    static final double FAR = 1500;
    /** Farthest depth at which objects are drawn (m). */
    static final double FAR_OBJECTS = 260;
    private static final double BEND_LIMIT = 150;

    final double f;
    final double cx;
    final double cy;
    final double height;
    final double curvature;
    final double s;
    final double u;

    Camera(double f, double cx, double cy, double height, double curvature, double s, double u) {
        this.f = f;
        this.cx = cx;
        this.cy = cy;
        this.height = height;
        this.curvature = curvature;
        this.s = s;
        this.u = u;
    }

    double depth(double sw) {
        return sw - s;
    }

    double x(double uw, double sw) {
        double d = sw - s;
        return cx + f * (uw - u + bend(d)) / d;
    }

    /** Lateral offset of the road at depth {@code d}: a circular arc up to 150 m, then straight on. */
    double bend(double d) {
        double c = Math.min(d, BEND_LIMIT);
        return curvature * (c * c * 0.5 + BEND_LIMIT * Math.max(0, d - BEND_LIMIT));
    }

    double y(double h, double sw) {
        return cy + f * (height - h) / (sw - s);
    }

    /** @return pixels per metre at road position {@code sw} */
    double scale(double sw) {
        return f / (sw - s);
    }

    /** @return approximate Euclidean distance from the camera to the road point {@code (uw, sw)} */
    double distance(double uw, double sw) {
        double d = sw - s;
        double lateral = uw - u + bend(d);
        return Math.sqrt(d * d + lateral * lateral);
    }

    /** @return the column of the vanishing point of the road */
    double vanishingX() {
        return cx + f * curvature * BEND_LIMIT;
    }
}
