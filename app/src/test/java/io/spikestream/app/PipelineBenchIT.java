package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PipelineBenchIT {

    @Test
    void shouldPrintEveryStagesRateAndTheLatencyOfTheWholePipeline() {
        CliRunner.Run run = CliRunner.run("bench", "pipeline", "--cameras", "2", "--frames", "5", "--height", "64",
                "--width", "128", "--frame-width", "128", "--frame-height", "64");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        String out = run.out();
        for (String label : new String[] {"model frames/s", "ingest frames/s", "inference stage frames/s",
            "stage/model ratio", "sink frames/s", "pipeline frames/s", "pipeline/model ratio", "latency p50 ms",
            "latency p99 ms", "first frame latency ms"}) {
            assertTrue(BenchLines.value(out, label) > 0, label + " in\n" + out);
        }
        assertTrue(BenchLines.value(out, "latency p99 ms") >= BenchLines.value(out, "latency p50 ms"), out);
        assertTrue(out.contains("\nstage ms per frame: total "), out);
        assertTrue(out.contains("\nbatches: "), out);
    }
}
