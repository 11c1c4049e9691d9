package io.spikestream.schemas;

import io.spikestream.schemas.avro.ClassStatistics;
import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;

import java.util.List;
import java.util.Objects;

/**
 * The pipeline's topics: camera frames in, segmentation results and window statistics out, and the
 * dead-letter topics for frames inference could not process and results the sink could not use. Every key
 * is the camera id.
 *
 * <p>The constants hold the default names; {@link #from(SchemasConfig)} applies the configured
 * prefix and explicit names.
 *
 * @param frames camera frames ({@code spikestream.frames})
 * @param results per-frame segmentation results ({@code spikestream.results})
 * @param stats windowed per-camera class statistics for dashboards ({@code spikestream.stats})
 * @param deadLetters rejected frames ({@code spikestream.frames.dlq})
 * @param resultDeadLetters results the sink rejected ({@code spikestream.results.dlq})
 */
public record Topics(
        TopicSpec<Frame> frames,
        TopicSpec<SegmentationResult> results,
        TopicSpec<ClassStatistics> stats,
        TopicSpec<DeadLetter> deadLetters,
        TopicSpec<DeadLetter> resultDeadLetters) {

    private static final int MIB = 1024 * 1024;

    /** Frames: compressed images, up to about 10 MiB (a raw 2048x1024 RGB frame is 6 MiB). */
    public static final TopicSpec<Frame> FRAMES =
            new TopicSpec<>("spikestream.frames", Frame.class, 10 * MIB);

    /** Results: a PNG mask plus numbers, usually tens of KiB. */
    public static final TopicSpec<SegmentationResult> RESULTS =
            new TopicSpec<>("spikestream.results", SegmentationResult.class, 4 * MIB);

    /** Window statistics: a few hundred bytes, Kafka's default limit. */
    public static final TopicSpec<ClassStatistics> STATS =
            new TopicSpec<>("spikestream.stats", ClassStatistics.class, 1_048_588);

    /** Dead letters: the original frame bytes plus a small envelope. */
    public static final TopicSpec<DeadLetter> DEAD_LETTERS =
            new TopicSpec<>("spikestream.frames.dlq", DeadLetter.class, 10 * MIB + 64 * 1024);

    /**
     * Result dead letters: the original result bytes plus a small envelope; sized like the frames' because the
     * sink also sends here a frame it reads for overlays and cannot deserialize.
     */
    public static final TopicSpec<DeadLetter> RESULT_DEAD_LETTERS =
            new TopicSpec<>("spikestream.results.dlq", DeadLetter.class, 10 * MIB + 64 * 1024);

    /** The default topic set. */
    public static final Topics DEFAULTS =
            new Topics(FRAMES, RESULTS, STATS, DEAD_LETTERS, RESULT_DEAD_LETTERS);

    /** Requires every spec. */
    public Topics {
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(resultDeadLetters, "resultDeadLetters");
    }

    /**
     * The defaults with {@code topics.prefix} applied, then the explicit {@code topics.*} names.
     */
    public static Topics from(SchemasConfig config) {
        String prefix = config.getString(SchemasConfig.TOPIC_PREFIX_CONFIG);
        return new Topics(
                resolve(FRAMES, prefix, config.getString(SchemasConfig.FRAMES_TOPIC_CONFIG)),
                resolve(RESULTS, prefix, config.getString(SchemasConfig.RESULTS_TOPIC_CONFIG)),
                resolve(STATS, prefix, config.getString(SchemasConfig.STATS_TOPIC_CONFIG)),
                resolve(
                        DEAD_LETTERS,
                        prefix,
                        config.getString(SchemasConfig.DEAD_LETTERS_TOPIC_CONFIG)),
                resolve(
                        RESULT_DEAD_LETTERS,
                        prefix,
                        config.getString(SchemasConfig.RESULT_DEAD_LETTERS_TOPIC_CONFIG)));
    }

    /** All five specs, in the order frames, results, stats, frame dead letters, result dead letters. */
    public List<TopicSpec<?>> all() {
        return List.of(frames, results, stats, deadLetters, resultDeadLetters);
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> TopicSpec<V> resolve(
            TopicSpec<V> spec, String prefix, String explicitName) {
        return explicitName != null ? spec.withName(explicitName) : spec.withPrefix(prefix);
    }
}
