package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/** Sky gradient with drifting clouds, and a distant skyline of buildings and trees on the horizon. */
final class Sky {

    private static final double SKYLINE_DEPTH = 600;

    private final ClipStyle style;
    private final double[][] clouds;
    private final double[][] skyline;
    private final int[] skylineColors;

    Sky(Rng rng, ClipStyle style) {
        this.style = style;
        int n = (int) (style.cloudiness * 14);
        clouds = new double[n][];
        for (int i = 0; i < n; i++) {
            clouds[i] = new double[] {rng.uniform(-0.2, 1.2), rng.uniform(0.05, 0.9), rng.uniform(0.06, 0.2),
                rng.uniform(0.02, 0.06), rng.uniform(0.4, 0.85), rng.uniform(0.002, 0.01)};
        }
        int m = 40;
        skyline = new double[m][];
        skylineColors = new int[m];
        for (int i = 0; i < m; i++) {
            boolean tree = rng.chance(0.35);
            skyline[i] = new double[] {rng.uniform(-700, 700), rng.uniform(15, 60), tree ? rng.uniform(10, 22)
                : rng.uniform(12, 55), tree ? 1 : 0};
            skylineColors[i] = tree ? rng.vary(0x4A5A3A, 0.15) : rng.vary(0x8A8C90, 0.2);
        }
    }

    void draw(Canvas canvas, Camera cam, double t) {
        double w = canvas.width;
        double h = canvas.height;
        Rectangle2D area = new Rectangle2D.Double(-w, -h, 3 * w, cam.cy + h + 2);
        GradientPaint paint = new GradientPaint(0, 0, new Color(style.skyTop), 0, (float) cam.cy,
            new Color(style.skyHorizon));
        canvas.fillPaint(area, paint, Cityscapes.SKY, Canvas.SKY_DEPTH);
        for (double[] c : clouds) {
            double x = ((c[0] + c[5] * t) % 1.4) * w - 0.2 * w;
            double y = cam.cy * (1 - c[1]);
            double rx = c[2] * w;
            double ry = c[3] * h;
            canvas.paint(new Ellipse2D.Double(x - rx, y - ry, 2 * rx, 2 * ry), style.cloudColor, c[4] * 0.7);
            canvas.paint(new Ellipse2D.Double(x - rx * 0.5, y - ry * 1.5, rx, ry * 1.6), style.cloudColor, c[4] * 0.6);
        }
        skyline(canvas, cam);
    }

    private void skyline(Canvas canvas, Camera cam) {
        double p = cam.f / SKYLINE_DEPTH;
        double vx = cam.vanishingX();
        for (int i = 0; i < skyline.length; i++) {
            double[] b = skyline[i];
            double x = vx + b[0] * p;
            double y = cam.cy + cam.height * p;
            int trainId = b[3] > 0 ? Cityscapes.VEGETATION : Cityscapes.BUILDING;
            Shape shape = b[3] > 0
                ? new Ellipse2D.Double(x - b[1] * p / 2, y - b[2] * p, b[1] * p, b[2] * p * 1.3)
                : new Rectangle2D.Double(x - b[1] * p / 2, y - b[2] * p, b[1] * p, b[2] * p + 1);
            canvas.fill(shape, skylineColors[i], trainId, 0, SKYLINE_DEPTH);
        }
    }
}
