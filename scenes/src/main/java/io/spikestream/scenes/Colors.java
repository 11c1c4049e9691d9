package io.spikestream.scenes;

/** Packed {@code 0xRRGGBB} colour arithmetic. */
final class Colors {

    private Colors() {
    }

    static int rgb(int r, int g, int b) {
        return clamp(r) << 16 | clamp(g) << 8 | clamp(b);
    }

    static int scale(int rgb, double s) {
        return rgb((int) Math.round((rgb >> 16 & 255) * s), (int) Math.round((rgb >> 8 & 255) * s),
            (int) Math.round((rgb & 255) * s));
    }

    static int mul(int rgb, double r, double g, double b) {
        return rgb((int) Math.round((rgb >> 16 & 255) * r), (int) Math.round((rgb >> 8 & 255) * g),
            (int) Math.round((rgb & 255) * b));
    }

    /** @return {@code a + (b - a) * t} per channel */
    static int mix(int a, int b, double t) {
        return rgb((int) Math.round((a >> 16 & 255) + ((b >> 16 & 255) - (a >> 16 & 255)) * t),
            (int) Math.round((a >> 8 & 255) + ((b >> 8 & 255) - (a >> 8 & 255)) * t),
            (int) Math.round((a & 255) + ((b & 255) - (a & 255)) * t));
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
