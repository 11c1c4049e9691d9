package io.spikestream.scenes;

import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Renders one frame of a {@link World}: sky, ground, objects back to front, weather, hood, post effects. A
 * driving camera shakes with road bumps; a fixed one stands still and sees a slight lighting flicker instead.
 */
final class FrameRenderer {

    /** Largest relative change of a fixed camera's global brightness from one frame to the next. */
    private static final double FLICKER = 0.015;

    private final World world;
    private final long seed;
    private final int width;
    private final int height;
    private final PostEffects effects;

    /** @param sensorEffects whether to add sensor noise and lighting flicker (off only to measure the scene) */
    FrameRenderer(World world, long seed, int width, int height, boolean sensorEffects) {
        this.world = world;
        this.seed = seed;
        this.width = width;
        this.height = height;
        this.effects = new PostEffects(world.style, sensorEffects, world.fixedCamera() ? FLICKER : 0);
    }

    SceneFrame render(int index, double time) {
        Camera cam = camera(time);
        Canvas canvas = new Canvas(width, height, world.style);
        if (!world.fixedCamera()) {
            canvas.transform(jitter(time));
        }
        world.sky.draw(canvas, cam, time);
        world.ground.draw(canvas, cam);
        for (Drawable object : visible(cam, time)) {
            object.draw(canvas, cam, time);
        }
        effects.rain(canvas, seed, index);
        hood(canvas);
        effects.apply(canvas, cam, seed, index, 0.0012 * world.egoSpeed * world.jitter[3]);
        canvas.dispose();
        return frame(canvas, index, time);
    }

    private Camera camera(double time) {
        double f = 1.1 * Math.min(width, 2.0 * height);
        return new Camera(f, width / 2.0, height * world.horizon, world.cameraHeight, world.road.curvature,
            world.egoSpeed * time, world.cameraU);
    }

    /** Road bumps (vertical shake) and a little roll, smooth in time. */
    private AffineTransform jitter(double time) {
        double[] p = world.jitter;
        double dy = height * (0.004 * StrictMath.sin(2 * Math.PI * 1.3 * time + p[0])
            + 0.0015 * StrictMath.sin(2 * Math.PI * 4.1 * time + p[1]));
        double roll = 0.004 * StrictMath.sin(2 * Math.PI * 0.7 * time + p[2]);
        double cos = StrictMath.cos(roll);
        double sin = StrictMath.sin(roll);
        double cx = width / 2.0;
        double cy = height / 2.0;
        return new AffineTransform(cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy + dy);
    }

    private List<Drawable> visible(Camera cam, double time) {
        List<Drawable> list = new ArrayList<>();
        List<Double> keys = new ArrayList<>();
        for (Drawable object : world.objects) {
            double d = object.distance(cam, time);
            if (!Double.isNaN(d)) {
                list.add(object);
                keys.add(d);
            }
        }
        Integer[] order = new Integer[list.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -keys.get(i)).thenComparingInt(i -> i));
        List<Drawable> sorted = new ArrayList<>(order.length);
        for (Integer i : order) {
            sorted.add(list.get(i));
        }
        return sorted;
    }

    private void hood(Canvas canvas) {
        if (world.hood <= 0) {
            return;
        }
        double top = height * (1 - world.hood);
        Path2D.Double shape = new Path2D.Double();
        shape.moveTo(-1, height + 1);
        shape.lineTo(-1, top + height * world.hood * 0.6);
        shape.quadTo(width / 2.0, top - height * world.hood * 0.5, width + 1, top + height * world.hood * 0.6);
        shape.lineTo(width + 1, height + 1);
        shape.closePath();
        canvas.fillIgnored(shape, Colors.scale(world.style.skyHorizon, 0.18));
    }

    private SceneFrame frame(Canvas canvas, int index, double time) {
        int[] raw = canvas.labelPixels();
        byte[] labels = new byte[raw.length];
        int[] instances = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            labels[i] = (byte) raw[i];
            instances[i] = raw[i] >>> 8 & 0xFFFF;
        }
        return new SceneFrame(seed, index, time, canvas.image, labels, instances);
    }
}
