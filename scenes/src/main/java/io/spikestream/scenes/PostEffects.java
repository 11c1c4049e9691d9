package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.util.Arrays;

/**
 * Image-only effects after the geometry: rain streaks, fog by depth ({@code a = 1 - exp(-d / visibility)}),
 * sensor noise whose strength depends on the surface (texture), and a slight radial motion blur away from the
 * vanishing point proportional to the ego speed. A fixed camera also gets a global brightness flicker: each
 * frame's gain is drawn in {@code 1 ± flicker}. Labels are never changed.
 */
final class PostEffects {

    private static final int LUT_SIZE = 8192;
    private static final int[] NOISE = new int[256];

    static {
        Arrays.fill(NOISE, 5);
        NOISE[Cityscapes.SKY] = 1;
        NOISE[Cityscapes.ROAD] = 5;
        NOISE[Cityscapes.SIDEWALK] = 7;
        NOISE[Cityscapes.BUILDING] = 6;
        NOISE[Cityscapes.VEGETATION] = 16;
        NOISE[Cityscapes.TERRAIN] = 13;
        NOISE[Cityscapes.WALL] = 8;
    }

    private final ClipStyle style;
    private final boolean sensor;
    private final double flicker;
    private final int[] fog;
    private final int skyFog;
    /** Sensor noise of a pixel: entry {@code NOISE[label] * 256 + (hash & 255)}. */
    private final int[] noise;

    /**
     * @param sensor  whether to add sensor noise and flicker
     * @param flicker largest relative brightness change per frame, 0 for none
     */
    PostEffects(ClipStyle style, boolean sensor, double flicker) {
        this.style = style;
        this.sensor = sensor;
        this.flicker = flicker;
        fog = new int[LUT_SIZE];
        for (int i = 0; i < LUT_SIZE; i++) {
            fog[i] = (int) Math.round(256 * (1 - StrictMath.exp(-i * 0.5 / style.visibility)));
        }
        skyFog = (int) Math.round(256 * (1 - StrictMath.exp(-300 / style.visibility)));
        noise = noiseTable(sensor ? style.noise / 5.0 / 128.0 : 0);
    }

    /** Every value the per-pixel noise formula can take, so the pixel loop only looks them up. */
    private static int[] noiseTable(double noiseScale) {
        int strongest = Arrays.stream(NOISE).max().orElseThrow();
        int[] table = new int[(strongest + 1) * 256];
        for (int strength = 0; strength <= strongest; strength++) {
            for (int h = 0; h < 256; h++) {
                table[strength * 256 + h] = (int) Math.round((h - 127.5) * strength * noiseScale);
            }
        }
        return table;
    }

    void rain(Canvas canvas, long key, int frame) {
        if (style.weather != Weather.RAIN) {
            return;
        }
        Graphics2D g = canvas.imageGraphics();
        AffineTransform old = g.getTransform();
        g.setTransform(new AffineTransform());
        g.setColor(new Color(200, 205, 215, 70));
        g.setStroke(new BasicStroke(1f));
        int n = canvas.width * canvas.height / 500;
        for (int i = 0; i < n; i++) {
            double x = Rng.unit(key + frame, 3L * i) * canvas.width;
            double y = Rng.unit(key - frame, 3L * i + 1) * canvas.height;
            double len = (0.02 + 0.04 * Rng.unit(key ^ frame, 3L * i + 2)) * canvas.height;
            g.draw(new Line2D.Double(x, y, x - len * 0.15, y + len));
        }
        g.setTransform(old);
    }

    /** Applies fog, noise and blur to the image of {@code canvas}. */
    void apply(Canvas canvas, Camera cam, long key, int frame, double blur) {
        int[] rgb = canvas.pixels();
        int[] labels = canvas.labelPixels();
        int[] depth = canvas.depthPixels();
        fogAndNoise(rgb, labels, depth, canvas.width, canvas.height, cam, Rng.mix(key * 31 + frame), gain(key, frame));
        if (blur > 0) {
            blur(rgb, canvas.width, canvas.height, cam.vanishingX(), cam.cy, blur);
        }
    }

    /** @return the frame's brightness gain in 1/256: 256 without flicker */
    private int gain(long key, int frame) {
        if (!sensor || flicker <= 0) {
            return 256;
        }
        return 256 + (int) Math.round(256 * flicker * (2 * Rng.unit(key ^ 0x5DEECE66DL, frame) - 1));
    }

    private void fogAndNoise(int[] rgb, int[] labels, int[] depth, int w, int h, Camera cam, long seed, int gain) {
        int fr = style.fogColor >> 16 & 255;
        int fg = style.fogColor >> 8 & 255;
        int fb = style.fogColor & 255;
        int chromaNoise = sensor ? 1 : 0;
        for (int y = 0; y < h; y++) {
            int groundFog = y > cam.cy + 0.5 ? fog[lut(cam.f * cam.height / (y + 0.5 - cam.cy))] : 256;
            long row = Rng.mix(seed + y);
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int code = depth[i] & 0xFFFFFF;
                // lut(code / 16.0) is min(LUT_SIZE - 1, code >> 3) for the non-negative 24-bit code
                int a = code == Canvas.SKY_DEPTH ? skyFog : code == Canvas.GROUND_DEPTH ? groundFog
                        : fog[Math.min(LUT_SIZE - 1, code >> 3)];
                int c = rgb[i];
                long hash = Rng.mix(row ^ x);
                int n = noise[NOISE[labels[i] & 255] * 256 + (int) (hash & 255)];
                int chroma = ((int) (hash >>> 8 & 3) - 1) * chromaNoise;
                int r = (((c >> 16 & 255) * (256 - a) + fr * a >> 8) * gain >> 8) + n + chroma;
                int g = (((c >> 8 & 255) * (256 - a) + fg * a >> 8) * gain >> 8) + n;
                int b = (((c & 255) * (256 - a) + fb * a >> 8) * gain >> 8) + n - chroma;
                rgb[i] = Colors.rgb(r, g, b);
            }
        }
    }

    private static int lut(double d) {
        return (int) Math.min(LUT_SIZE - 1, Math.max(0, d * 2));
    }

    /**
     * Averages each pixel with two samples towards the vanishing point, at half and all of {@code blur} times its
     * distance. A sample's column depends on x only and its row on y only, so both are computed once.
     */
    private static void blur(int[] rgb, int w, int h, double vx, double vy, double blur) {
        int[] src = rgb.clone();
        int[] halfway = new int[w];
        int[] fullway = new int[w];
        for (int x = 0; x < w; x++) {
            double dx = (x - vx) * blur;
            halfway[x] = index(x - dx * 0.5, w);
            fullway[x] = index(x - dx, w);
        }
        for (int y = 0; y < h; y++) {
            double dy = (y - vy) * blur;
            int halfRow = index(y - dy * 0.5, h) * w;
            int fullRow = index(y - dy, h) * w;
            for (int x = 0; x < w; x++) {
                rgb[y * w + x] = average(src[y * w + x], src[halfRow + halfway[x]], src[fullRow + fullway[x]]);
            }
        }
    }

    /** The nearest index in {@code [0, n)} to a coordinate. */
    private static int index(double coordinate, int n) {
        return Math.min(n - 1, Math.max(0, (int) Math.round(coordinate)));
    }

    private static int average(int a, int b, int c) {
        int r = ((a >> 16 & 255) * 2 + (b >> 16 & 255) + (c >> 16 & 255)) >> 2;
        int g = ((a >> 8 & 255) * 2 + (b >> 8 & 255) + (c >> 8 & 255)) >> 2;
        int bl = ((a & 255) * 2 + (b & 255) + (c & 255)) >> 2;
        return r << 16 | g << 8 | bl;
    }
}
