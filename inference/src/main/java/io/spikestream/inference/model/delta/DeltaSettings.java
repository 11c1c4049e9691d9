package io.spikestream.inference.model.delta;

/**
 * Settings of change-driven ("delta") inference.
 *
 * @param threshold a tile of the network input is recomputed when one of its pixels differs from the input
 *     its cached values were computed from by more than this many grey levels (0..255); 0 recomputes any
 *     change, which makes the result identical to a full pass
 * @param tile edge of the tiles in which a frame is compared with the reference input, in network-input pixels:
 *     16 or 32
 * @param denseBound a stage runs on the whole map when its windows (changed rectangle, reach and halo) would cover
 *     more than this share of it
 * @param contextBound the camera's context (the backbone's 1/8 level and everything coarser: attention, the pixel
 *     decoder's encoder, the top FPN step and the transformer decoder) is kept from its last refresh while the
 *     share of input tiles that differ (by more than the threshold) from the input it was computed from stays at
 *     or below this bound, and recomputed above it; 0 recomputes it at every change, which keeps the result
 *     identical to a full pass at threshold 0 (docs/streaming-state.md)
 */
public record DeltaSettings(double threshold, int tile, double denseBound, double contextBound) {

    /** Tile edges allowed: they divide every input size that is a multiple of 32. */
    public static final java.util.List<Integer> TILES = java.util.List.of(16, 32);

    /** Default threshold in grey levels (a constant so that help texts can name it). */
    public static final double DEFAULT_THRESHOLD = 24;
    /** Default tile edge in input pixels. */
    public static final int DEFAULT_TILE = 16;
    /** Default dense bound. */
    public static final double DEFAULT_DENSE_BOUND = 0.5;

    /** Default context bound with a threshold above 0 (docs/benchmarks.md: three held-out fixed-camera clips). */
    public static final double DEFAULT_CONTEXT_BOUND = 0.25;

    /**
     * The streaming defaults: changes above 24 grey levels, 16-pixel tiles, dense beyond half the map, the context
     * kept while at most a quarter of the tiles differ from its input.
     */
    public static final DeltaSettings DEFAULT = new DeltaSettings(DEFAULT_THRESHOLD, DEFAULT_TILE,
            DEFAULT_DENSE_BOUND);

    /**
     * Settings with the default context bound for the threshold: {@link #DEFAULT_CONTEXT_BOUND} above 0, and 0 at
     * threshold 0, so that an exact threshold gives exact results unless a context bound is set.
     */
    public DeltaSettings(double threshold, int tile, double denseBound) {
        this(threshold, tile, denseBound, defaultContextBound(threshold));
    }

    /**
     * Settings with a context bound that may be unset.
     *
     * @param threshold grey levels, as in the record
     * @param tile tile edge
     * @param denseBound dense bound
     * @param contextBound the context bound, or null for {@link #defaultContextBound} of the threshold
     * @return the settings
     */
    public static DeltaSettings of(double threshold, int tile, double denseBound, Double contextBound) {
        return new DeltaSettings(threshold, tile, denseBound,
                contextBound == null ? defaultContextBound(threshold) : contextBound);
    }

    /** The context bound used when none is set: 0 (exact) at threshold 0, else {@link #DEFAULT_CONTEXT_BOUND}. */
    public static double defaultContextBound(double threshold) {
        return threshold == 0 ? 0 : DEFAULT_CONTEXT_BOUND;
    }

    /** Whether every mask equals a full pass's: threshold 0 and the context recomputed at every change. */
    public boolean exact() {
        return threshold == 0 && contextBound == 0;
    }

    /** Validates. */
    public DeltaSettings {
        if (!(threshold >= 0) || threshold > 255) {
            throw new IllegalArgumentException("delta.threshold must be in 0..255 grey levels, got " + threshold);
        }
        if (!TILES.contains(tile)) {
            throw new IllegalArgumentException("delta.tile must be one of " + TILES + " input pixels, got " + tile);
        }
        if (!(denseBound > 0) || denseBound > 1) {
            throw new IllegalArgumentException("delta.dense.bound must be in (0, 1], got " + denseBound);
        }
        if (!(contextBound >= 0) || contextBound > 1) {
            throw new IllegalArgumentException("delta.context.bound must be in [0, 1] (0 = recompute the context at"
                    + " every change), got " + contextBound);
        }
    }
}
