package io.spikestream.scenes;

/** Something standing on the ground, drawn back to front (painter's algorithm). */
interface Drawable {

    /** @return the distance (m) from the camera used for ordering; {@code NaN} when not visible */
    double distance(Camera cam, double t);

    /** Draws this at time {@code t} (s). */
    void draw(Canvas canvas, Camera cam, double t);
}
