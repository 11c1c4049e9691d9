package io.spikestream.scenes;

import io.spikestream.vision.Cityscapes;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Poles with what they carry: street lamps, traffic signs and traffic lights (on a post, or hanging from a
 * mast arm over the road). Poles and arms are labelled pole; sign plates traffic sign; light housings
 * traffic light.
 */
final class StreetFurniture implements Drawable {

    enum Kind { LAMP, SIGN, TRAFFIC_LIGHT, OVERHEAD_LIGHT }

    private static final int[] SIGN_FACES = {0, 1, 2, 3, 4};

    private final Kind kind;
    private final double u;
    private final double s;
    private final int side;
    private final double height;
    private final double poleWidth;
    private final int poleColor;
    private final int signFace;
    private final double plate;
    private final double reach;
    private final int housing;
    private final double lightPhase;
    private final boolean lampsOn;
    private final int instance;

    StreetFurniture(Rng rng, Kind kind, double u, double s, int side, double reach, boolean lampsOn, int instance) {
        this.kind = kind;
        this.u = u;
        this.s = s;
        this.side = side;
        this.reach = reach;
        this.lampsOn = lampsOn;
        this.instance = instance;
        height = kind == Kind.LAMP ? rng.uniform(6.5, 9) : kind == Kind.SIGN ? rng.uniform(2.2, 2.8)
            : kind == Kind.TRAFFIC_LIGHT ? rng.uniform(2.3, 2.9) : rng.uniform(5.3, 6);
        poleWidth = kind == Kind.SIGN ? rng.uniform(0.07, 0.1) : rng.uniform(0.14, 0.22);
        poleColor = rng.pick(new int[] {0x8A8E92, 0x5A6068, 0x3A4038, 0xA0A4A8, 0x6A5A4A});
        signFace = rng.pick(SIGN_FACES);
        plate = rng.uniform(0.55, 0.8);
        housing = rng.pick(new int[] {0x1C1C1C, 0x2A2E2A, 0x3A3A30, 0xC8A020});
        lightPhase = rng.uniform(0, 30);
    }

    @Override
    public double distance(Camera cam, double t) {
        double d = cam.depth(s);
        return d > Camera.NEAR + 0.5 && d < Camera.FAR_OBJECTS ? cam.distance(u, s) : Double.NaN;
    }

    @Override
    public void draw(Canvas canvas, Camera cam, double t) {
        AffineTransform at = Shapes.billboard(cam, u, 0, s);
        double depth = cam.distance(u, s);
        double top = kind == Kind.TRAFFIC_LIGHT ? height + 1.1 : kind == Kind.SIGN ? height + plate : height;
        pole(canvas, at, depth, new Rectangle2D.Double(-poleWidth / 2, 0, poleWidth, top));
        switch (kind) {
            case LAMP:
                lamp(canvas, cam, at, depth);
                break;
            case SIGN:
                sign(canvas, at, depth);
                break;
            case TRAFFIC_LIGHT:
                light(canvas, at, depth, 0, height, t);
                break;
            default:
                overhead(canvas, cam, at, depth, t);
        }
    }

    private void lamp(Canvas canvas, Camera cam, AffineTransform at, double depth) {
        double end = -side * reach;
        pole(canvas, at, depth, Shapes.quad(0, height - 0.1, end, height + 0.25, end, height + 0.37, 0, height + 0.06));
        Shape head = at.createTransformedShape(new RoundRectangle2D.Double(end - 0.35, height, 0.7, 0.28, 0.2, 0.2));
        canvas.fill(head, 0x707478, Cityscapes.POLE, instance, depth);
        if (lampsOn) {
            canvas.glow(at.createTransformedShape(new Rectangle2D.Double(end - 0.28, height, 0.56, 0.08)), 0xFFE8B0);
        }
    }

    private void sign(Canvas canvas, AffineTransform at, double depth) {
        double r = plate / 2;
        double cy = height + r;
        switch (signFace) {
            case 0:
                plate(canvas, at, depth, new Ellipse2D.Double(-r, cy - r, plate, plate), 0xC81E1E);
                canvas.paint(at.createTransformedShape(new Ellipse2D.Double(-r * 0.75, cy - r * 0.75, r * 1.5, r * 1.5)),
                    0xF0F0F0);
                break;
            case 1:
                plate(canvas, at, depth, new Ellipse2D.Double(-r, cy - r, plate, plate), 0x1E50B4);
                canvas.paint(at.createTransformedShape(Shapes.quad(-0.08 * r, cy - 0.6 * r, 0.08 * r, cy - 0.6 * r,
                    0.08 * r, cy + 0.6 * r, -0.08 * r, cy + 0.6 * r)), 0xF0F0F0);
                break;
            case 2:
                plate(canvas, at, depth, Shapes.quad(-r * 1.1, cy + r * 0.9, r * 1.1, cy + r * 0.9, 0, cy - r,
                    0, cy - r), 0xD02020);
                canvas.paint(at.createTransformedShape(Shapes.quad(-r * 0.75, cy + r * 0.72, r * 0.75, cy + r * 0.72, 0,
                    cy - r * 0.55, 0, cy - r * 0.55)), 0xF2F2F2);
                break;
            case 3:
                plate(canvas, at, depth, Shapes.quad(0, cy - r, r, cy, 0, cy + r, -r, cy), 0xF2F2F2);
                canvas.paint(at.createTransformedShape(Shapes.quad(0, cy - r * 0.7, r * 0.7, cy, 0, cy + r * 0.7,
                    -r * 0.7, cy)), 0xF0C010);
                break;
            default:
                plate(canvas, at, depth, new Rectangle2D.Double(-r * 1.3, cy - r * 0.7, r * 2.6, r * 1.4), 0x1E50B4);
                canvas.paint(at.createTransformedShape(new Rectangle2D.Double(-r, cy - r * 0.2, r * 2, r * 0.4)),
                    0xF0F0F0);
        }
    }

    private void overhead(Canvas canvas, Camera cam, AffineTransform at, double depth, double t) {
        double end = -side * reach;
        pole(canvas, at, depth, Shapes.quad(0, height - 0.1, end, height - 0.1, end, height + 0.1, 0, height + 0.14));
        light(canvas, at, depth, end, height - 1.1, t);
        light(canvas, at, depth, end * 0.55, height - 1.1, t);
    }

    /** A housing with three lamps, bottom at {@code (x, y)}; one lamp lit according to the signal cycle. */
    private void light(Canvas canvas, AffineTransform at, double depth, double x, double y, double t) {
        Shape box = at.createTransformedShape(new RoundRectangle2D.Double(x - 0.17, y, 0.34, 0.98, 0.1, 0.1));
        canvas.fill(box, housing, Cityscapes.TRAFFIC_LIGHT, instance, depth);
        int lit = (int) ((lightPhase + t) / 10) % 3;
        int[] on = {0x30F070, 0xFFB020, 0xFF3020};
        for (int i = 0; i < 3; i++) {
            Shape lamp = at.createTransformedShape(new Ellipse2D.Double(x - 0.11, y + 0.08 + i * 0.3, 0.22, 0.22));
            if (i == lit) {
                canvas.glow(lamp, on[i]);
            } else {
                canvas.paint(lamp, 0x383830);
            }
        }
    }

    private void pole(Canvas canvas, AffineTransform at, double depth, Shape local) {
        canvas.fill(at.createTransformedShape(local), poleColor, Cityscapes.POLE, instance, depth);
    }

    private void plate(Canvas canvas, AffineTransform at, double depth, Shape local, int color) {
        canvas.fill(at.createTransformedShape(local), color, Cityscapes.TRAFFIC_SIGN, instance, depth);
    }
}
