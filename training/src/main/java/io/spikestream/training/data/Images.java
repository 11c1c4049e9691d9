package io.spikestream.training.data;

import java.awt.image.BufferedImage;

/** Pixel-array helpers: conversion from {@link BufferedImage} and resizing of RGB and label maps. */
public final class Images {

    private Images() {}

    /** @return interleaved RGB bytes of an image */
    public static byte[] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[3 * w * h];
        for (int i = 0; i < argb.length; i++) {
            out[3 * i] = (byte) (argb[i] >> 16);
            out[3 * i + 1] = (byte) (argb[i] >> 8);
            out[3 * i + 2] = (byte) argb[i];
        }
        return out;
    }

    /**
     * Bilinear resize with pixel-centre alignment (cv2 {@code INTER_LINEAR}, as mmcv's {@code imresize}),
     * rounding to the nearest byte.
     */
    public static byte[] resizeRgb(byte[] rgb, int w, int h, int outW, int outH) {
        byte[] out = new byte[3 * outW * outH];
        double sx = (double) w / outW;
        double sy = (double) h / outH;
        for (int y = 0; y < outH; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double wy = fy - y0;
            for (int x = 0; x < outW; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double wx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    double top = (rgb[3 * (y0 * w + x0) + c] & 0xFF) * (1 - wx) + (rgb[3 * (y0 * w + x1) + c] & 0xFF) * wx;
                    double bottom = (rgb[3 * (y1 * w + x0) + c] & 0xFF) * (1 - wx) + (rgb[3 * (y1 * w + x1) + c] & 0xFF) * wx;
                    out[3 * (y * outW + x) + c] = (byte) Math.round(top * (1 - wy) + bottom * wy);
                }
            }
        }
        return out;
    }

    /** Nearest-neighbour resize of a label map (cv2 {@code INTER_NEAREST}: source {@code floor(x * w / outW)}). */
    public static byte[] resizeLabels(byte[] labels, int w, int h, int outW, int outH) {
        byte[] out = new byte[outW * outH];
        for (int y = 0; y < outH; y++) {
            int sy = Math.min((int) Math.floor(y * (double) h / outH), h - 1);
            for (int x = 0; x < outW; x++) {
                int sx = Math.min((int) Math.floor(x * (double) w / outW), w - 1);
                out[y * outW + x] = labels[sy * w + sx];
            }
        }
        return out;
    }
}
