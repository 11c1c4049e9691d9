package io.spikestream.sink.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikestream.schemas.avro.ClassStatistics;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.sink.Fixtures;
import io.spikestream.vision.Cityscapes;
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
        byte[] format4 = format4(new WindowAggregate().add(result(0, 0.2)).toBytes());
        byte[] format3 = Arrays.copyOf(format4, format4.length - (4 + 4 * 8));
        format3[0] = 3;

        WindowAggregate old = WindowAggregate.fromBytes(format3).add(result(1, 0.4));

        assertEquals(2, old.frames());
        assertEquals(0.3, old.toStatistics("cam", 0, 10_000).getMeanRecomputedFraction(), 1e-12);
    }

    @Test
    void shouldCountSkippedFramesApartAndOnceAcrossTheStoreSerde() {
        WindowAggregate a = new WindowAggregate().add(result(0, 0.2)).add(skipped(1, SkipReason.TOO_OLD));
        WindowAggregate b = WindowAggregate.fromBytes(a.toBytes()).add(skipped(1, SkipReason.TOO_OLD))
                .add(skipped(2, SkipReason.SUPERSEDED));

        ClassStatistics s = b.toStatistics("cam", 0, 10_000);
        assertEquals(1, s.getFrameCount());
        assertEquals(2, s.getSkippedCount());
        assertEquals(0.1, s.getMeanFiringRate(), 1e-12);
        assertEquals(0.2, s.getMeanRecomputedFraction(), 1e-12);
        assertEquals(2.0, s.getMeanLatencyMillis(), 1e-9);
        assertEquals(0.1, s.getFramesPerSecond(), 1e-12);
    }

    @Test
    void shouldReadTheFormatBeforeSkippedCount() {
        byte[] current = new WindowAggregate().add(result(0, 0.2)).add(result(1, 0.4)).toBytes();

        WindowAggregate old = WindowAggregate.fromBytes(format4(current)).add(result(1, 0.4))
                .add(skipped(2, SkipReason.TOO_OLD));

        assertEquals(2, old.frames());
        assertEquals(1, old.skipped());
        assertEquals(0.3, old.toStatistics("cam", 0, 10_000).getMeanRecomputedFraction(), 1e-12);
    }

    @Test
    void shouldReportNoSkippedFrameWhenWindowHasOnlySegmentedOnes() {
        assertEquals(0, new WindowAggregate().add(result(0, 1.0)).toStatistics("cam", 0, 10_000).getSkippedCount());
    }

    @Test
    void shouldReportFullPassWhenWindowIsEmpty() {
        assertEquals(1.0, new WindowAggregate().toStatistics("cam", 0, 10_000).getMeanRecomputedFraction());
    }

    private static SegmentationResult result(long sequence, double recomputedFraction) {
        return SegmentationResult.newBuilder(Fixtures.result("cam", sequence, 1000 + sequence, 2000, 0.1))
                .setRecomputedFraction(recomputedFraction).build();
    }

    private static SegmentationResult skipped(long sequence, SkipReason reason) {
        return Fixtures.skipped("cam", sequence, 1000 + sequence, reason, 500);
    }

    /** Format 4: format 5 without the skipped count at the end. */
    private static byte[] format4(byte[] format5) {
        byte[] old = Arrays.copyOf(format5, format5.length - 8);
        old[0] = 4;
        return old;
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
