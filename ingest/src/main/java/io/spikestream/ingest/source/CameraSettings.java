package io.spikestream.ingest.source;

import java.time.Duration;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * How to reach one camera.
 *
 * @param url {@code rtsp://...}, {@code http(s)://...} or a V4L2 device path such as {@code /dev/video0}
 * @param name camera id stamped on frames; the URL without credentials when blank
 * @param format FFmpeg input format, e.g. {@code video4linux2}; {@code null} lets FFmpeg probe
 * @param ioTimeout network read/connect timeout, passed to FFmpeg as {@code timeout} and {@code rw_timeout}
 *     in microseconds ({@code rw_timeout} alone is ignored when a cable is unplugged)
 * @param rtspTransport {@code tcp} (default; no UDP packet loss) or {@code udp}, for {@code rtsp://} only
 * @param reconnect backoff between reconnect attempts
 * @param finite whether a clean end of stream ends the source (file URLs) instead of reconnecting
 */
public record CameraSettings(String url, String name, String format, Duration ioTimeout, String rtspTransport,
        ReconnectPolicy reconnect, boolean finite) {

    public static final String V4L2_FORMAT = "video4linux2";
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(5);

    public CameraSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Camera URL must not be empty");
        }
        if (ioTimeout.isNegative() || ioTimeout.isZero()) {
            throw new IllegalArgumentException("Camera I/O timeout must be positive, got " + ioTimeout);
        }
        if (!"tcp".equals(rtspTransport) && !"udp".equals(rtspTransport)) {
            throw new IllegalArgumentException("rtsp_transport must be 'tcp' or 'udp', got '" + rtspTransport + "'");
        }
        name = name == null || name.isBlank() ? FrameSources.redactCredentials(url) : name;
    }

    /** Defaults for a network stream: 5 s timeout, RTSP over TCP, {@link ReconnectPolicy#DEFAULT}. */
    public static CameraSettings of(String url, String name) {
        return new CameraSettings(url, name, null, DEFAULT_IO_TIMEOUT, "tcp", ReconnectPolicy.DEFAULT, false);
    }

    /** Defaults for a V4L2 device such as {@code /dev/video0}. */
    public static CameraSettings v4l2(String device, String name) {
        return of(device, name).withFormat(V4L2_FORMAT);
    }

    public CameraSettings withFormat(String newFormat) {
        return new CameraSettings(url, name, newFormat, ioTimeout, rtspTransport, reconnect, finite);
    }

    public CameraSettings withIoTimeout(Duration timeout) {
        return new CameraSettings(url, name, format, timeout, rtspTransport, reconnect, finite);
    }

    public CameraSettings withRtspTransport(String transport) {
        return new CameraSettings(url, name, format, ioTimeout, transport, reconnect, finite);
    }

    public CameraSettings withReconnect(ReconnectPolicy policy) {
        return new CameraSettings(url, name, format, ioTimeout, rtspTransport, policy, finite);
    }

    public CameraSettings withFinite(boolean isFinite) {
        return new CameraSettings(url, name, format, ioTimeout, rtspTransport, reconnect, isFinite);
    }

    boolean isNetwork() {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("rtsp://") || u.startsWith("rtsps://") || u.startsWith("http://")
                || u.startsWith("https://");
    }

    /** Applies format and FFmpeg options to an unstarted grabber. */
    FFmpegFrameGrabber configure(FFmpegFrameGrabber grabber) {
        if (format != null) {
            grabber.setFormat(format);
        }
        if (isNetwork()) {
            String micros = Long.toString(ioTimeout.toNanos() / 1000);
            grabber.setOption("timeout", micros);
            grabber.setOption("rw_timeout", micros);
        }
        if (url.toLowerCase(Locale.ROOT).startsWith("rtsp")) {
            grabber.setOption("rtsp_transport", rtspTransport);
        }
        return grabber;
    }
}
