package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverloadReportTest {

    @Test
    void shouldPrintQuantilesGrowthAndAccountingOfEveryFrame() {
        List<OverloadReport.Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long capture = 1_000L * i;
            long latency = i < 5 ? 100 : 200;
            arrivals.add(new OverloadReport.Arrival(i % 2 == 0 ? "a" : "b", i, capture, capture + latency, null));
        }
        arrivals.add(new OverloadReport.Arrival("a", 10, 10_000, 15_000, "TOO_OLD"));
        StringWriter text = new StringWriter();

        new OverloadReport(arrivals, 12, 3).print(new PrintWriter(text, true));

        String out = text.toString();
        assertTrue(out.contains("latency p50 ms: 100\n"), out);
        assertTrue(out.contains("latency p99 ms: 200\n"), out);
        assertTrue(out.contains("latency growth: 2.00\n"), out);
        assertTrue(out.contains("captured: 15\n"), out);
        assertTrue(out.contains("processed: 10\n"), out);
        assertTrue(out.contains("skipped: 1 {TOO_OLD=1}\n"), out);
        assertTrue(out.contains("dropped by ingest: 3\n"), out);
        assertTrue(out.contains("unaccounted: 1\n"), out);
        assertTrue(out.contains("share a: 0.500 (5 frames)\n"), out);
    }

    @Test
    void shouldTakeNearestRankQuantiles() {
        List<Double> values = List.of(5.0, 1.0, 3.0, 2.0, 4.0);
        assertEquals(3.0, OverloadReport.quantile(values, 0.5));
        assertEquals(5.0, OverloadReport.quantile(values, 0.99));
        assertEquals(1.0, OverloadReport.quantile(values, 0.0));
    }
}
