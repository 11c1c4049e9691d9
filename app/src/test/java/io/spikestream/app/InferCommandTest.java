package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InferCommandTest {

    private static String usageError(String... args) {
        CliRunner.Run run = CliRunner.run(args);
        assertEquals(ErrorReporter.USAGE_ERROR, run.exitCode(), run.out() + run.err());
        return run.err();
    }

    @Test
    void shouldExplainThatStateCarryWasRetiredWhenInferOrDemoGetsIt() {
        for (String command : new String[] {"infer", "demo"}) {
            String err = usageError(command, "--state-carry", "true");
            assertTrue(err.contains("state.carry") && err.contains("was replaced by state.mode"), err);
        }
    }

    @Test
    void shouldRejectDeltaFlagsWhenStateModeIsReset() {
        String err = usageError("infer", "--state-mode", "reset", "--delta-threshold", "10");
        assertTrue(err.contains("delta.threshold") && err.contains("has no effect with state.mode=reset"), err);
        err = usageError("demo", "--state-mode", "reset", "--delta-tile", "32");
        assertTrue(err.contains("delta.tile") && err.contains("set state.mode=delta"), err);
    }

    @Test
    void shouldNameTheAllowedValuesOfStateModeAndDeltaTile() {
        assertTrue(usageError("infer", "--state-mode", "carry").contains("reset, delta"));
        assertTrue(usageError("demo", "--state-mode", "delta", "--delta-tile", "8").contains("must be 16 or 32"));
    }

    @Test
    void shouldRejectALiveMaxAgeWithinTheBatchWaitOnInferAndDemo() {
        for (String command : new String[] {"infer", "demo"}) {
            String err = usageError(command, "--live-max-age-ms", "5");
            assertTrue(err.contains("live.max.age.ms") && err.contains("must exceed batch.max.delay.ms"), err);
        }
    }
}
