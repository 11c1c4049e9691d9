package io.spikestream.scenes;

/** Surface details of {@link Panel}s: facade windows, fence posts, wall joints, hedge leaves. */
final class Decors {

    private Decors() {
    }

    /**
     * @param start first metre of the facade along its plane; windows stay 1 m inside {@code start..end}
     * @param end   last metre of the facade
     */
    static Panel.Decor windows(Rng rng, double start, double end, boolean lightsOn) {
        return new Windows(rng, start, end, lightsOn);
    }

    /** Posts and rails over a see-through mesh. */
    static Panel.Decor fence(Rng rng) {
        int post = rng.pick(new int[] {0x505458, 0x7A6A58, 0x8A8C8E, 0x3C4A3C});
        double spacing = rng.uniform(1.8, 2.6);
        return (canvas, cam, panel, a0, a1) -> {
            double p = cam.scale(panel.s((a0 + a1) / 2));
            double half = Math.max(0.04, 0.6 / p);
            for (double a = Math.ceil(a0 / spacing) * spacing; a < a1; a += spacing) {
                canvas.paint(panel.quad(cam, a - half, Math.min(a1, a + half), panel.bottom, panel.top), post);
            }
            double rail = Math.max(0.03, 0.7 / p);
            canvas.paint(panel.quad(cam, a0, a1, panel.top - rail, panel.top), post);
            double mid = panel.bottom + (panel.top - panel.bottom) * 0.45;
            canvas.paint(panel.quad(cam, a0, a1, mid - rail / 2, mid + rail / 2), post);
        };
    }

    /** A coping stone on top and vertical joints. */
    static Panel.Decor wall(Rng rng, int color) {
        int cap = Colors.scale(color, rng.uniform(0.75, 1.2));
        int joint = Colors.scale(color, 0.8);
        double spacing = rng.uniform(2, 4);
        return (canvas, cam, panel, a0, a1) -> {
            double p = cam.scale(panel.s((a0 + a1) / 2));
            canvas.paint(panel.quad(cam, a0, a1, panel.top - 0.15, panel.top), cap);
            double half = Math.max(0.02, 0.5 / p);
            for (double a = Math.ceil(a0 / spacing) * spacing; a < a1 && p > 3; a += spacing) {
                canvas.paint(panel.quad(cam, a - half, Math.min(a1, a + half), panel.bottom, panel.top - 0.15), joint);
            }
        };
    }

    /** Darker leaf clumps. */
    static Panel.Decor hedge(Rng rng, int color) {
        int dark = Colors.scale(color, 0.7);
        int light = Colors.scale(color, 1.25);
        long key = rng.nextLong();
        return (canvas, cam, panel, a0, a1) -> {
            double h = panel.top - panel.bottom;
            for (double a = Math.floor(a0 / 0.7) * 0.7; a < a1; a += 0.7) {
                double r = Rng.unit(key, Math.round(a * 10));
                double ha = panel.bottom + h * (0.15 + 0.6 * r);
                canvas.paint(panel.quad(cam, Math.max(a0, a), Math.min(a1, a + 0.45), ha, ha + h * 0.22),
                    r < 0.5 ? dark : light);
            }
        };
    }
}
