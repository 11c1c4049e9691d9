package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OverloadBenchTest {

    @Test
    void shouldDescribeItsOptions() {
        CliRunner.Run run = CliRunner.run("bench", "overload", "--help");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("--camera-rates") && run.out().contains("--live-max-age-ms"), run.out());
    }

    @Test
    void shouldRefuseCameraRatesThatDoNotMatchTheCamerasBeforeStartingABroker() {
        CliRunner.Run run = CliRunner.run("bench", "overload", "--cameras", "2", "--camera-rates", "1,2,3");
        assertEquals(ErrorReporter.USAGE_ERROR, run.exitCode(), run.err());
        assertTrue(run.err().contains("--camera-rates needs one positive number per camera (--cameras 2)"), run.err());
    }
}
