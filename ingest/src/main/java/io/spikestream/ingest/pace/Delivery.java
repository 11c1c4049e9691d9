package io.spikestream.ingest.pace;

import io.spikestream.ingest.source.FrameSource;
import io.spikestream.schemas.avro.FrameDelivery;

/**
 * What a consumer that is slower than the source gets: every frame, late ({@link #REPLAY}: files, forensics,
 * evaluation), or the newest frame, dropping the rest ({@link #LIVE}: cameras, dashboards). The frames carry it
 * ({@code Frame.delivery}), so that inference also sheds live frames it reaches too late.
 */
public enum Delivery {
    REPLAY,
    LIVE;

    /** The value of {@code Frame.delivery} for frames published this way. */
    public FrameDelivery frameDelivery() {
        return this == LIVE ? FrameDelivery.LIVE : FrameDelivery.REPLAY;
    }

    /**
     * Wraps a source: paced per {@code pacing}, and for {@link #LIVE} grabbed on its own thread behind a
     * {@link LatestFrameBuffer}. The result owns {@code source}.
     */
    public FrameSource wrap(FrameSource source, Pacing pacing, PaceClock clock) {
        FrameSource paced = pacing.mode() == Pacing.Mode.MAX ? source : new PacedSource(source, pacing, clock);
        return this == LIVE ? LatestFrameBuffer.start(paced) : paced;
    }
}
