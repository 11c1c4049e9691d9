package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/** A tree: trunk and a canopy of overlapping leaf clumps, all labelled vegetation. */
final class Tree implements Drawable {

    private final double u;
    private final double s;
    private final double trunkHeight;
    private final double trunkWidth;
    private final int trunkColor;
    private final double[][] clumps;
    private final int[] colors;
    private final int instance;

    Tree(Rng rng, double u, double s, double size, int instance) {
        this.u = u;
        this.s = s;
        this.instance = instance;
        trunkHeight = size * rng.uniform(0.3, 0.45);
        trunkWidth = size * rng.uniform(0.03, 0.05);
        trunkColor = rng.vary(0x4A3C2E, 0.2);
        int n = rng.nextInt(6, 10);
        clumps = new double[n][];
        colors = new int[n];
        int green = rng.pick(new int[] {0x3C5A1E, 0x4A6A28, 0x355028, 0x587030, 0x2E4A26});
        double radius = size * rng.uniform(0.25, 0.35);
        for (int i = 0; i < n; i++) {
            double r = radius * rng.uniform(0.45, 0.8);
            clumps[i] = new double[] {rng.uniform(-0.7, 0.7) * radius, trunkHeight + radius * rng.uniform(0.2, 1.5),
                r * rng.uniform(0.9, 1.2), r};
            colors[i] = rng.vary(green, 0.25);
        }
    }

    @Override
    public double distance(Camera cam, double t) {
        double d = cam.depth(s);
        return d > Camera.NEAR + 1 && d < Camera.FAR_OBJECTS ? cam.distance(u, s) : Double.NaN;
    }

    @Override
    public void draw(Canvas canvas, Camera cam, double t) {
        AffineTransform at = Shapes.billboard(cam, u, 0, s);
        double depth = cam.distance(u, s);
        canvas.fill(at.createTransformedShape(new Rectangle2D.Double(-trunkWidth / 2, 0, trunkWidth,
            trunkHeight + 0.5)), trunkColor, Cityscapes.VEGETATION, instance, depth);
        for (int i = 0; i < clumps.length; i++) {
            double[] c = clumps[i];
            canvas.fill(at.createTransformedShape(new Ellipse2D.Double(c[0] - c[2], c[1] - c[3], 2 * c[2], 2 * c[3])),
                colors[i], Cityscapes.VEGETATION, instance, depth);
            canvas.paint(at.createTransformedShape(new Ellipse2D.Double(c[0] - c[2] * 0.5, c[1] + c[3] * 0.1,
                c[2], c[3] * 0.7)), Colors.scale(colors[i], 1.2), 0.5);
        }
    }
}
