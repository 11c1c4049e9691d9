package io.spikestream.schemas.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.spikestream.schemas.deadletter.DeadLetterCounts;
import io.spikestream.schemas.deadletter.Rejection;

/**
 * What the stages' meters share: the {@code stage} label, the dead-letter counters (one name for every stage, told
 * apart by {@code stage}, so that stages bound to one registry sit side by side) and the rule for binding.
 */
public final class StageMeters {

    /** The label naming the stage ({@code ingest}, {@code infer}, {@code sink}), also put on its Kafka meters. */
    public static final String STAGE_TAG = "stage";

    /** Records a stage sent to its dead-letter topic, by {@code stage} and {@code reason} ({@link Rejection}). */
    public static final String DEAD_LETTERS = "spikestream.dead.letters";

    private StageMeters() {}

    /**
     * The {@code stage} label.
     *
     * @param stage the stage's name
     * @return {@code stage=<stage>}
     */
    public static Tags stage(String stage) {
        return Tags.of(STAGE_TAG, stage);
    }

    /**
     * Registers {@value #DEAD_LETTERS} for every {@link Rejection}, read from the stage's counters.
     *
     * @param registry where to register
     * @param stage the stage's name
     * @param counts its dead-letter counters; the meters hold them weakly, so the caller keeps them
     */
    public static void bindDeadLetters(MeterRegistry registry, String stage, DeadLetterCounts counts) {
        for (Rejection r : Rejection.values()) {
            FunctionCounter.builder(DEAD_LETTERS, counts, c -> c.count(r))
                    .tags(stage(stage)).tag("reason", r.name())
                    .description("Records sent to the dead-letter topic")
                    .register(registry);
        }
    }

    /**
     * The checks of a service's {@code bindMetrics}: once, and before {@code start()}.
     *
     * @param service the service, as the message names it
     * @param bound whether its meters are bound already
     * @param started whether it was started
     * @throws IllegalStateException when bound or started
     */
    public static void checkBindable(String service, boolean bound, boolean started) {
        if (bound) {
            throw new IllegalStateException(service + " metrics are bound already; bind them once");
        }
        if (started) {
            throw new IllegalStateException(service + " is started; bind its metrics before start()");
        }
    }
}
