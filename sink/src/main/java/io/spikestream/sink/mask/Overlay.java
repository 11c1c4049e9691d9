package io.spikestream.sink.mask;

import io.spikestream.vision.Cityscapes;

import io.spikestream.vision.TrainIdMask;
import java.awt.image.BufferedImage;

/**
 * Colours a trainId mask in the Cityscapes palette ({@link Cityscapes#color(int)}) and blends it on the frame:
 * {@code out = alpha * palette(mask) + (1 - alpha) * frame} per channel, rounded; pixels without a class
 * (trainId >= 19, e.g. 255) keep the frame colour. A mask of another size is scaled to the frame by nearest
 * neighbour.
 */
public final class Overlay {

    private final double alpha;

    /** An overlay with mask opacity {@code alpha} in [0, 1] (0 = frame only, 1 = palette only). */
    public Overlay(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The blended RGB image at the frame's size. */
    public BufferedImage blend(BufferedImage frame, TrainIdMask mask) {
        int w = frame.getWidth();
        int h = frame.getHeight();
        TrainIdMask scaled = mask.resizeNearest(w, h);
        int[] rgb = frame.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < rgb.length; i++) {
            int id = scaled.ids()[i] & 0xFF;
            rgb[i] = id < Cityscapes.NUM_CLASSES ? mix(Cityscapes.color(id), rgb[i]) : rgb[i] & 0xFFFFFF;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    /** {@code alpha * top + (1 - alpha) * bottom} per 8-bit channel of two 0xRRGGBB colours. */
    int mix(int top, int bottom) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double v = alpha * ((top >> shift) & 0xFF) + (1 - alpha) * ((bottom >> shift) & 0xFF);
            out |= (int) Math.round(v) << shift;
        }
        return out;
    }
}
