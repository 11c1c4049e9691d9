package io.spikestream.schemas.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spikestream.schemas.deadletter.DeadLetterCounts;
import io.spikestream.schemas.deadletter.Rejection;
import org.junit.jupiter.api.Test;

class StageMetersTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private double deadLetters(String stage, Rejection reason) {
        return registry.get(StageMeters.DEAD_LETTERS).tag("stage", stage).tag("reason", reason.name())
                .functionCounter().count();
    }

    @Test
    void shouldKeepBothStagesDeadLettersApartInOneRegistry() {
        DeadLetterCounts infer = new DeadLetterCounts();
        DeadLetterCounts sink = new DeadLetterCounts();
        StageMeters.bindDeadLetters(registry, "infer", infer);
        StageMeters.bindDeadLetters(registry, "sink", sink);
        infer.add(Rejection.UNDECODABLE_IMAGE);
        infer.add(Rejection.UNDECODABLE_IMAGE);
        sink.add(Rejection.INVALID_FIELD);

        assertEquals(2, deadLetters("infer", Rejection.UNDECODABLE_IMAGE));
        assertEquals(0, deadLetters("sink", Rejection.UNDECODABLE_IMAGE));
        assertEquals(1, deadLetters("sink", Rejection.INVALID_FIELD));
        assertEquals(2 * Rejection.values().length, registry.find(StageMeters.DEAD_LETTERS).functionCounters()
                .size());
    }

    @Test
    void shouldRefuseBindingTwiceOrAfterStart() {
        StageMeters.checkBindable("sink", false, false);
        assertThrows(IllegalStateException.class, () -> StageMeters.checkBindable("sink", true, false));
        assertThrows(IllegalStateException.class, () -> StageMeters.checkBindable("sink", false, true));
    }
}
