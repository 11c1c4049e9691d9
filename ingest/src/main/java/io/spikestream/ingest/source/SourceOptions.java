package io.spikestream.ingest.source;

import java.time.Duration;

/**
 * Settings for {@link FrameSources#open}; each applies to the kinds of source named.
 *
 * @param name name stamped on frames (the camera id); derived from the input when {@code null}
 * @param sequenceFps frame rate of image folders
 * @param ioTimeout network timeout of cameras
 * @param rtspTransport {@code tcp} or {@code udp} for RTSP cameras
 * @param reconnect reconnect backoff of cameras
 * @param allowTruncated video files: end normally, with a warning, when a file holds fewer frames than its
 *     container says (otherwise that end is an error)
 */
public record SourceOptions(String name, double sequenceFps, Duration ioTimeout, String rtspTransport,
        ReconnectPolicy reconnect, boolean allowTruncated) {

    public SourceOptions {
        if (!(sequenceFps > 0) || Double.isInfinite(sequenceFps)) {
            throw new IllegalArgumentException("Image sequence frame rate must be positive, got " + sequenceFps);
        }
    }

    /** No name, 17 fps for folders (Cityscapes), 5 s camera timeout, RTSP over TCP, default reconnects. */
    public static SourceOptions defaults() {
        return new SourceOptions(null, ImageSequenceSource.CITYSCAPES_FPS, CameraSettings.DEFAULT_IO_TIMEOUT, "tcp",
                ReconnectPolicy.DEFAULT, false);
    }

    public SourceOptions withName(String newName) {
        return new SourceOptions(newName, sequenceFps, ioTimeout, rtspTransport, reconnect, allowTruncated);
    }

    public SourceOptions withSequenceFps(double fps) {
        return new SourceOptions(name, fps, ioTimeout, rtspTransport, reconnect, allowTruncated);
    }

    public SourceOptions withIoTimeout(Duration timeout) {
        return new SourceOptions(name, sequenceFps, timeout, rtspTransport, reconnect, allowTruncated);
    }

    public SourceOptions withRtspTransport(String transport) {
        return new SourceOptions(name, sequenceFps, ioTimeout, transport, reconnect, allowTruncated);
    }

    public SourceOptions withReconnect(ReconnectPolicy policy) {
        return new SourceOptions(name, sequenceFps, ioTimeout, rtspTransport, policy, allowTruncated);
    }

    public SourceOptions withAllowTruncated(boolean allow) {
        return new SourceOptions(name, sequenceFps, ioTimeout, rtspTransport, reconnect, allow);
    }

    CameraSettings camera(String url, String format) {
        return new CameraSettings(url, name, format, ioTimeout, rtspTransport, reconnect, false);
    }
}
