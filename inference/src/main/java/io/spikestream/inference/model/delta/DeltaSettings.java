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
 */
public record DeltaSettings(double threshold, int tile, double denseBound) {

    /** Tile edges allowed: they divide every input size that is a multiple of 32. */
    public static final java.util.List<Integer> TILES = java.util.List.of(16, 32);

    /** Default threshold in grey levels (a constant so that help texts can name it). */
    public static final double DEFAULT_THRESHOLD = 24;
    /** Default tile edge in input pixels. */
    public static final int DEFAULT_TILE = 16;
    /** Default dense bound. */
    public static final double DEFAULT_DENSE_BOUND = 0.5;

    /** The streaming defaults: changes above 24 grey levels, 16-pixel tiles, dense beyond half the map. */
    public static final DeltaSettings DEFAULT = new DeltaSettings(DEFAULT_THRESHOLD, DEFAULT_TILE,
            DEFAULT_DENSE_BOUND);

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
    }
}
