package io.spikestream.sink.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void shouldEstimateQuantilesWithinTwoPercentWhenValuesAreUniform() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 1000; v++) {
            h.record(v);
        }
        assertEquals(500.5, h.mean(), 1e-9);
        assertEquals(500, h.quantile(0.5), 500 * 0.02);
        assertEquals(990, h.quantile(0.99), 990 * 0.02);
        assertEquals(1000, h.quantile(1.0), 1e-9);
        assertEquals(1, h.quantile(0.0), 0.02);
    }

    @Test
    void shouldEqualOneHistogramWhenTwoAreMerged() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            (v % 2 == 0 ? a : b).record(v * 3.0);
        }
        a.merge(b);
        assertEquals(100, a.count());
        assertEquals(151.5, a.mean(), 1e-9);
        assertEquals(297, a.quantile(0.99), 297 * 0.02);
    }

    @Test
    void shouldRoundTripWhenSerialised() throws Exception {
        LatencyHistogram h = new LatencyHistogram();
        h.record(0.001);
        h.record(12.5);
        h.record(1e9);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        h.writeTo(new DataOutputStream(bytes));
        assertTrue(bytes.size() < 100);
        LatencyHistogram back = LatencyHistogram.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(h.count(), back.count());
        assertEquals(h.quantile(0.5), back.quantile(0.5));
        assertEquals(1e9, back.quantile(1.0));
    }
}
