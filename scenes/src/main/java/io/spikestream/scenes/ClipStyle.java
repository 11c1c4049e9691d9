package io.spikestream.scenes;

/** Per-clip lighting and weather: colour gain, sky colours, fog by depth, rain, sensor noise. */
final class ClipStyle {

    final Lighting lighting;
    final Weather weather;
    final double visibility;
    final int fogColor;
    final int skyTop;
    final int skyHorizon;
    final int cloudColor;
    final double cloudiness;
    final boolean lightsOn;
    final double noise;
    final double sunSide;
    private final double gainR;
    private final double gainG;
    private final double gainB;

    ClipStyle(Rng rng, Lighting lighting, Weather weather) {
        this.lighting = lighting;
        this.weather = weather;
        double exposure = rng.uniform(0.88, 1.12) * (weather == Weather.RAIN ? 0.8 : 1);
        double[] tint = tint(lighting);
        gainR = tint[0] * exposure;
        gainG = tint[1] * exposure;
        gainB = tint[2] * exposure;
        boolean grey = lighting == Lighting.OVERCAST || weather != Weather.CLEAR;
        skyTop = skyTop(rng, lighting, grey);
        skyHorizon = skyHorizon(rng, lighting, grey);
        cloudColor = lighting == Lighting.DUSK ? 0xB08C80 : grey ? 0xA8ACB2 : 0xF4F6F8;
        cloudiness = grey ? rng.uniform(0.5, 1) : rng.uniform(0, 0.7);
        fogColor = Colors.mix(skyHorizon, 0x9A9A9A, 0.3);
        visibility = visibility(rng, weather);
        lightsOn = lighting == Lighting.DUSK || weather == Weather.RAIN && rng.chance(0.5);
        noise = rng.uniform(3, 7) * (lighting == Lighting.DUSK ? 1.5 : 1);
        sunSide = lighting == Lighting.DAY ? (rng.chance(0.5) ? 1 : -1) : 0;
    }

    /** @return the object colour {@code rgb} as seen under this clip's light */
    int light(int rgb) {
        return Colors.mul(rgb, gainR, gainG, gainB);
    }

    /** @return the brightness factor of a facade facing the road from side {@code side} (-1 left, +1 right) */
    double facadeShade(int side) {
        return 1 + 0.18 * sunSide * side;
    }

    private static double[] tint(Lighting lighting) {
        switch (lighting) {
            case DAY:
                return new double[] {1.06, 1.02, 0.96};
            case OVERCAST:
                return new double[] {0.9, 0.92, 0.95};
            default:
                return new double[] {0.62, 0.5, 0.5};
        }
    }

    private static int skyTop(Rng rng, Lighting lighting, boolean grey) {
        if (lighting == Lighting.DUSK) {
            return rng.vary(0x303C6C, 0.15);
        }
        return rng.vary(grey ? 0x9CA2AC : 0x4F8BCB, 0.1);
    }

    private static int skyHorizon(Rng rng, Lighting lighting, boolean grey) {
        if (lighting == Lighting.DUSK) {
            return rng.vary(0xE09060, 0.1);
        }
        return rng.vary(grey ? 0xCACDD2 : 0xB4CDE6, 0.06);
    }

    private static double visibility(Rng rng, Weather weather) {
        switch (weather) {
            case CLEAR:
                return rng.uniform(1500, 3000);
            case HAZE:
                return rng.uniform(250, 450);
            case FOG:
                return rng.uniform(90, 150);
            default:
                return rng.uniform(180, 300);
        }
    }
}
