package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Three aligned render targets drawn with the same shapes: the antialiased RGB image, and without
 * antialiasing a label canvas ({@code trainId | instance << 8}) and a depth canvas (metres * 16; 0 = ground,
 * whose depth follows from the row). Label and image therefore share one geometry.
 */
final class Canvas {

    static final int GROUND_DEPTH = 0;
    static final int SKY_DEPTH = 0xFFFFFF;

    final int width;
    final int height;
    final BufferedImage image;
    private final BufferedImage labelImage;
    private final BufferedImage depthImage;
    private final Graphics2D g;
    private final Graphics2D gl;
    private final Graphics2D gd;
    private final ClipStyle style;

    Canvas(int width, int height, ClipStyle style) {
        this.width = width;
        this.height = height;
        this.style = style;
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        labelImage = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        depthImage = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = graphics(image, true);
        gl = graphics(labelImage, false);
        gd = graphics(depthImage, false);
        gl.setColor(new Color(Cityscapes.IGNORE));
        gl.fillRect(0, 0, width, height);
    }

    private static Graphics2D graphics(BufferedImage target, boolean antialias) {
        Graphics2D graphics = target.createGraphics();
        Object aa = antialias ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF;
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
        graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
        graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return graphics;
    }

    /** Applies the camera jitter (shake and roll) to all three targets. */
    void transform(AffineTransform transform) {
        g.setTransform(transform);
        gl.setTransform(transform);
        gd.setTransform(transform);
    }

    /** Fills {@code shape} in all targets: colour {@code rgb} (lit), class, instance and depth (m). */
    void fill(Shape shape, int rgb, int trainId, int instance, double depth) {
        if (shape == null) {
            return;
        }
        g.setColor(new Color(style.light(rgb)));
        g.fill(shape);
        gl.setColor(new Color(trainId | instance << 8));
        gl.fill(shape);
        int code = depth <= 0 ? GROUND_DEPTH : (int) Math.min(SKY_DEPTH, Math.max(1, Math.round(depth * 16)));
        gd.setColor(new Color(code));
        gd.fill(shape);
    }

    /** Fills {@code shape} with an unlit paint (sky gradient) in all targets. */
    void fillPaint(Shape shape, Paint paint, int trainId, int depthCode) {
        g.setPaint(paint);
        g.fill(shape);
        gl.setColor(new Color(trainId));
        gl.fill(shape);
        gd.setColor(new Color(depthCode));
        gd.fill(shape);
    }

    /** As {@link #fill(Shape, int, int, int, double)}, but the image sees the fill with opacity {@code alpha}. */
    void fill(Shape shape, int rgb, int trainId, int instance, double depth, double alpha) {
        if (alpha >= 1) {
            fill(shape, rgb, trainId, instance, depth);
            return;
        }
        paint(shape, rgb, alpha);
        gl.setColor(new Color(trainId | instance << 8));
        gl.fill(shape);
        gd.setColor(new Color((int) Math.min(SKY_DEPTH, Math.max(1, Math.round(depth * 16)))));
        gd.fill(shape);
    }

    /** Fills a ground shape, whose depth follows from its row. */
    void fillGround(Shape shape, int rgb, int trainId) {
        fill(shape, rgb, trainId, 0, 0);
    }

    /** Paints a detail (window, lane mark, lamp) into the image only; it belongs to the class beneath. */
    void paint(Shape shape, int rgb) {
        if (shape == null) {
            return;
        }
        g.setColor(new Color(style.light(rgb)));
        g.fill(shape);
    }

    /** Paints a translucent detail into the image only. */
    void paint(Shape shape, int rgb, double alpha) {
        if (shape == null) {
            return;
        }
        Composite old = g.getComposite();
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, (float) alpha));
        paint(shape, rgb);
        g.setComposite(old);
    }

    /** Paints an unlit, self-luminous detail (lit lamp, brake light). */
    void glow(Shape shape, int rgb) {
        g.setColor(new Color(rgb));
        g.fill(shape);
    }

    /** @return {@code rgb} unchanged when self-luminous, else as lit by the clip's light */
    int lit(int rgb, boolean luminous) {
        return luminous ? rgb : style.light(rgb);
    }

    /** Fills {@code shape} in screen space (no jitter) as ignored pixels, e.g. the ego vehicle's hood. */
    void fillIgnored(Shape shape, int rgb) {
        AffineTransform old = g.getTransform();
        transform(new AffineTransform());
        g.setColor(new Color(rgb));
        g.fill(shape);
        gl.setColor(new Color(Cityscapes.IGNORE));
        gl.fill(shape);
        gd.setColor(new Color(Math.round(2 * 16)));
        gd.fill(shape);
        transform(old);
    }

    Graphics2D imageGraphics() {
        return g;
    }

    int[] pixels() {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    int[] labelPixels() {
        return ((DataBufferInt) labelImage.getRaster().getDataBuffer()).getData();
    }

    int[] depthPixels() {
        return ((DataBufferInt) depthImage.getRaster().getDataBuffer()).getData();
    }

    void dispose() {
        g.dispose();
        gl.dispose();
        gd.dispose();
    }
}
