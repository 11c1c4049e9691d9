package io.spikestream.inference.stream;

import io.spikestream.vision.RgbImage;
import io.spikestream.vision.SegmentationOutput;
import io.spikestream.vision.SegmentationRequest;
import io.spikestream.vision.Segmenter;
import io.spikestream.vision.SegmenterMetrics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic segmenter: trainId = red channel / 64 (0..3); from sequence 1 on, carried state and
 * {@value #DELTA_FRACTION} of the work recomputed.
 */
final class FakeSegmenter implements Segmenter {

    static final int CLASSES = 5;
    static final double DELTA_FRACTION = 0.375;

    private final AtomicLong frames = new AtomicLong();

    static byte[] labels(RgbImage image) {
        byte[] ids = new byte[image.width() * image.height()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (byte) ((image.rgb()[3 * i] & 0xff) / 64);
        }
        return ids;
    }

    @Override
    public SegmentationOutput segment(SegmentationRequest request) {
        frames.incrementAndGet();
        byte[] ids = labels(request.image());
        long[] counts = new long[CLASSES];
        for (byte id : ids) {
            counts[id]++;
        }
        boolean carried = request.sequence() > 0;
        return new SegmentationOutput(request.image().width(), request.image().height(), ids, counts, carried,
                carried ? DELTA_FRACTION : 1.0, 3, 0.25, 1.5, 2_000, 3_000, 4_000, 5_000);
    }

    @Override
    public String modelId() {
        return "fake@test";
    }

    @Override
    public SegmenterMetrics metrics() {
        return new SegmenterMetrics(frames.get(), frames.get(), new long[2], Map.of(), 0,
                SegmenterMetrics.StateSize.NONE, 0);
    }

    @Override
    public void close() {}
}
