package io.spikestream.scenes;

/** A facade's grid of windows (with an optional shop floor), drawn into the image only. */
final class Windows implements Panel.Decor {

    private final double start;
    private final double end;
    private final double spacing;
    private final double width;
    private final double floor;
    private final double height;
    private final int glass;
    private final int frame;
    private final boolean shop;
    private final boolean lightsOn;
    private final long key;

    Windows(Rng rng, double start, double end, boolean lightsOn) {
        this.start = start;
        this.end = end;
        this.lightsOn = lightsOn;
        spacing = rng.uniform(2.4, 3.6);
        width = spacing * rng.uniform(0.35, 0.6);
        floor = rng.uniform(2.9, 3.5);
        height = floor * rng.uniform(0.4, 0.6);
        glass = rng.pick(new int[] {0x2E3440, 0x3C4A5C, 0x4A5566, 0x283038, 0x5A6470});
        frame = rng.vary(0xD8D4CC, 0.1);
        shop = rng.chance(0.5);
        key = rng.nextLong();
    }

    @Override
    public void draw(Canvas canvas, Camera cam, Panel panel, double a0, double a1) {
        double p = cam.scale(panel.s((a0 + a1) / 2));
        if (height * p < 1.5) {
            return;
        }
        double lo = Math.max(a0, start + 1);
        double hi = Math.min(a1, end - 1);
        for (int i = (int) Math.floor((lo - start) / spacing); start + i * spacing < hi; i++) {
            double wa = Math.max(lo, start + i * spacing + (spacing - width) / 2);
            double wb = Math.min(hi, start + i * spacing + (spacing + width) / 2);
            if (wb - wa > 0.05) {
                column(canvas, cam, panel, wa, wb, i, p);
            }
        }
    }

    private void column(Canvas canvas, Camera cam, Panel panel, double wa, double wb, int i, double p) {
        if (shop) {
            canvas.paint(panel.quad(cam, wa - 0.3, wb + 0.3, 0.4, 2.6), glass);
        }
        for (int j = shop ? 1 : 0; (j + 1) * floor < panel.top - 0.8; j++) {
            double h0 = j * floor + floor * 0.3;
            if (p * width > 4) {
                canvas.paint(panel.quad(cam, wa - 0.1, wb + 0.1, h0 - 0.12, h0 + height + 0.1), frame);
            }
            boolean lit = lightsOn && Rng.unit(key + i, j) < 0.3;
            if (lit) {
                canvas.glow(panel.quad(cam, wa, wb, h0, h0 + height), 0xE8C070);
            } else {
                canvas.paint(panel.quad(cam, wa, wb, h0, h0 + height), shade(i, j));
            }
        }
    }

    private int shade(int i, int j) {
        return Colors.scale(glass, 0.8 + 0.5 * Rng.unit(key ^ i, j));
    }
}
