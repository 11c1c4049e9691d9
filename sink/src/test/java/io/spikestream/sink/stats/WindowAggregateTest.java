package io.spikestream.sink.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikestream.scenes.Cityscapes;
import io.spikestream.schemas.avro.ClassStatistics;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.sink.Fixtures;
import java.util.Arrays;
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

    @Test
    void shouldAverageRecomputedFractionOverTheWindowWhenStoredAndRestored() {
        WindowAggregate a = new WindowAggregate().add(result(0, 1.0)).add(result(1, 0.2));
        WindowAggregate b = WindowAggregate.fromBytes(a.toBytes()).add(result(2, 0.3));

        assertEquals(0.5, b.toStatistics("cam", 0, 10_000).getMeanRecomputedFraction(), 1e-12);
    }

    @Test
    void shouldCountFullPassesWhenStoreHoldsTheFormatBeforeRecomputedFraction() {
        byte[] current = new WindowAggregate().add(result(0, 0.2)).add(result(1, 0.2)).toBytes();

        WindowAggregate old = WindowAggregate.fromBytes(withoutRecomputedSum(current));

        assertEquals(2, old.frames());
        assertEquals(1.0, old.toStatistics("cam", 0, 10_000).getMeanRecomputedFraction(), 1e-12);
    }

    @Test
    void shouldCountAResultOnceWhenItIsAddedAgainAfterARestore() {
        WindowAggregate a = new WindowAggregate().add(result(0, 1.0)).add(result(1, 0.2));
        WindowAggregate b = WindowAggregate.fromBytes(a.toBytes()).add(result(1, 0.2)).add(result(0, 1.0))
                .add(result(2, 0.3));

        assertEquals(3, b.frames());
        assertEquals(0.5, b.toStatistics("cam", 0, 10_000).getMeanRecomputedFraction(), 1e-12);
    }

    @Test
    void shouldReadTheFormatBeforeSequences() {
        byte[] current = new WindowAggregate().add(result(0, 0.2)).toBytes();
        byte[] format3 = Arrays.copyOf(current, current.length - (4 + 4 * 8));
        format3[0] = 3;

        WindowAggregate old = WindowAggregate.fromBytes(format3).add(result(1, 0.4));

        assertEquals(2, old.frames());
        assertEquals(0.3, old.toStatistics("cam", 0, 10_000).getMeanRecomputedFraction(), 1e-12);
    }

    @Test
    void shouldReportFullPassWhenWindowIsEmpty() {
        assertEquals(1.0, new WindowAggregate().toStatistics("cam", 0, 10_000).getMeanRecomputedFraction());
    }

    private static SegmentationResult result(long sequence, double recomputedFraction) {
        return SegmentationResult.newBuilder(Fixtures.result("cam", sequence, 1000 + sequence, 2000, 0.1))
                .setRecomputedFraction(recomputedFraction).build();
    }

    /** Format 2: format byte, frames, class count, 19 sums, firing sum and count, then the histogram. */
    private static byte[] withoutRecomputedSum(byte[] format3) {
        int recomputedAt = 1 + 8 + 1 + Cityscapes.NUM_CLASSES * 8 + 8 + 8;
        byte[] old = new byte[format3.length - 8];
        System.arraycopy(format3, 0, old, 0, recomputedAt);
        System.arraycopy(format3, recomputedAt + 8, old, recomputedAt, old.length - recomputedAt);
        old[0] = 2;
        return old;
    }
}
