package io.spikestream.training.data;

/** mmseg's {@code PhotoMetricDistortion} on interleaved RGB bytes with pre-drawn parameters (see {@link Augmentation}). */
final class PhotoMetric {

    private PhotoMetric() {}

    static void apply(byte[] rgb, double[] d) {
        float[] px = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            px[i] = rgb[i] & 0xFF;
        }
        if (d[0] == 1) {
            affine(px, 1, d[1]);
        }
        boolean contrastFirst = d[2] == 1;
        if (contrastFirst && d[3] == 1) {
            affine(px, d[4], 0);
        }
        if (d[5] == 1 || d[7] == 1) {
            hsv(px, d[5] == 1 ? d[6] : 1, d[7] == 1 ? d[8] * 2 : 0);
        }
        if (!contrastFirst && d[3] == 1) {
            affine(px, d[4], 0);
        }
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) Math.round(px[i]);
        }
    }

    /** {@code clip(x alpha + beta, 0, 255)} as mmseg's {@code convert}. */
    private static void affine(float[] px, double alpha, double beta) {
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) Math.min(255, Math.max(0, px[i] * alpha + beta));
        }
    }

    /** Saturation factor and hue shift in degrees (OpenCV hue units of 2 degrees, times 2). */
    private static void hsv(float[] px, double saturation, double hueDegrees) {
        float[] hsb = new float[3];
        for (int i = 0; i < px.length; i += 3) {
            java.awt.Color.RGBtoHSB(Math.round(px[i]), Math.round(px[i + 1]), Math.round(px[i + 2]), hsb);
            float h = (float) (((hsb[0] * 360 + hueDegrees) % 360 + 360) % 360 / 360);
            float s = (float) Math.min(1, Math.max(0, hsb[1] * saturation));
            int c = java.awt.Color.HSBtoRGB(h, s, hsb[2]);
            px[i] = (c >> 16) & 0xFF;
            px[i + 1] = (c >> 8) & 0xFF;
            px[i + 2] = c & 0xFF;
        }
    }
}
