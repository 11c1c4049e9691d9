package io.spikestream.sink.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikestream.schemas.avro.ClassStatistics;
import io.spikestream.sink.Fixtures;
import org.junit.jupiter.api.Test;

class WindowAggregateTest {

    @Test
    void shouldAverageFiringOnlyOverFramesWhereItWasMeasured() {
        WindowAggregate a = new WindowAggregate()
                .add(Fixtures.result("cam", 0, 1000, 2000, 0.2))
                .add(Fixtures.result("cam", 1, 1100, 2000, Double.NaN))
                .add(Fixtures.result("cam", 2, 1200, 2000, 0.4));
        ClassStatistics s = a.toStatistics("cam", 0, 10_000);
        assertEquals(3, s.getFrameCount());
        assertEquals(0.3, s.getMeanFiringRate(), 1e-12);
    }

    @Test
    void shouldKeepTheMeasuredCountAcrossTheStoreSerde() {
        WindowAggregate a = new WindowAggregate().add(Fixtures.result("cam", 0, 1000, 2000, Double.NaN))
                .add(Fixtures.result("cam", 1, 1100, 2000, 0.5));
        WindowAggregate b = WindowAggregate.fromBytes(a.toBytes()).add(Fixtures.result("cam", 2, 1200, 2000, 0.1));
        assertEquals(0.3, b.toStatistics("cam", 0, 10_000).getMeanFiringRate(), 1e-12);
    }
}
