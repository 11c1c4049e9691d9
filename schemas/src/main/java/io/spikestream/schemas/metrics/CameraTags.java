package io.spikestream.schemas.metrics;

import io.micrometer.core.instrument.Tag;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Bounds the {@code camera} label of a stage's meters: the first {@code max} distinct camera ids the stage sees keep
 * their id as the label value, every later one is labelled {@value #OTHER}, so a stage fed by ever new camera ids
 * cannot grow its series without bound. Each stage has its own; thread-safe.
 */
public final class CameraTags {

    /** The label's key. */
    public static final String KEY = "camera";

    /** The label value of camera ids beyond the bound. */
    public static final String OTHER = "_other";

    /** The setting every stage's config defines with {@link #define(ConfigDef)}. */
    public static final String MAX_CONFIG = "metrics.cameras.max";

    /** Default of {@value #MAX_CONFIG}. */
    public static final int MAX_DEFAULT = 64;

    private static final String MAX_DOC = "Most distinct camera ids that get a 'camera' label value of their own on"
            + " this stage's metrics (the first ones seen); later cameras are counted under camera=\"" + OTHER
            + "\", which bounds the number of time series.";

    private final int max;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private volatile boolean full;

    /**
     * A bound.
     *
     * @param max most camera ids that keep their own label value, at least 1
     */
    public CameraTags(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("At least one camera id must keep its label, got max " + max);
        }
        this.max = max;
    }

    /**
     * Adds {@value #MAX_CONFIG} to a stage's config definition.
     *
     * @param def the stage's definition
     * @return {@code def}
     */
    public static ConfigDef define(ConfigDef def) {
        return def.define(MAX_CONFIG, Type.INT, MAX_DEFAULT, Range.between(1, 10_000), Importance.LOW, MAX_DOC);
    }

    /**
     * The label value of a camera id: the id when it is one of the first {@code max} seen, else {@value #OTHER}.
     *
     * @param cameraId the id; null counts as {@value #OTHER}
     * @return the label value
     */
    public String of(String cameraId) {
        if (cameraId == null) {
            return OTHER;
        }
        if (admitted.contains(cameraId)) {
            return cameraId;
        }
        return full ? OTHER : admit(cameraId);
    }

    private synchronized String admit(String cameraId) {
        if (admitted.contains(cameraId) || admitted.size() < max) {
            admitted.add(cameraId);
            full = admitted.size() >= max;
            return cameraId;
        }
        return OTHER;
    }

    /**
     * The label of a camera id.
     *
     * @param cameraId the id
     * @return {@code camera=<}{@link #of}{@code >}
     */
    public Tag tag(String cameraId) {
        return Tag.of(KEY, of(cameraId));
    }

    /** Most camera ids that keep their own label value. */
    public int max() {
        return max;
    }
}
