package io.spikestream.inference.runtime;

import io.spikestream.inference.runtime.SegmentationRuntime.BatchOutput;
import io.spikestream.inference.runtime.SegmentationRuntime.RunOptions;
import io.spikestream.vision.SegmentationOutput;
import io.spikestream.vision.SegmentationRequest;
import io.spikestream.vision.Segmenter;
import io.spikestream.vision.SegmenterException;
import io.spikestream.vision.SegmenterMetrics;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A {@link Segmenter} for offline work such as evaluation: every frame is a full pass from fresh state
 * ({@link StateMode#RESET}), run by {@link SegmentationRuntime#segment} on the calling thread, with no queue and no
 * batching; one caller at a time. The streaming stage uses {@link BatchingSegmenter}, which runs the same passes on
 * its own thread.
 */
public final class SingleFrameSegmenter implements Segmenter {

    private static final RunOptions FULL_PASS = new RunOptions(false, false);

    private final SegmentationRuntime runtime;
    private long frames;
    private boolean closed;

    /**
     * A segmenter on a runtime, which it owns from now on.
     *
     * @param runtime the model
     */
    public SingleFrameSegmenter(SegmentationRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public synchronized SegmentationOutput segment(SegmentationRequest request) {
        String frame = request.sequence() + " of camera '" + request.cameraId() + "'";
        if (closed) {
            throw new SegmenterException("Segmenter is closed; frame " + frame + " was not segmented", null);
        }
        BatchOutput out;
        try {
            out = runtime.segment(List.of(request.image()), Collections.singletonList(null), FULL_PASS);
        } catch (RuntimeException e) {
            throw new SegmenterException("Segmenting frame " + frame + " failed: " + e.getMessage(), e);
        }
        frames++;
        return out.output(0, false, 0);
    }

    @Override
    public String modelId() {
        return runtime.modelId();
    }

    @Override
    public synchronized SegmenterMetrics metrics() {
        return new SegmenterMetrics(frames, frames, new long[] {0, frames},
                frames == 0 ? Map.of() : Map.of(ResetReason.PER_FRAME.name(), frames), 0,
                SegmenterMetrics.StateSize.NONE, 0);
    }

    /** Frees the runtime (a {@link SegmentationRuntime#borrowing borrowing} one leaves the model to its owner). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            runtime.close();
        }
    }
}
