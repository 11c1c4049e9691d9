package io.spikestream.ingest.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Opens a {@link FrameSource} from a command-line style input:
 *
 * <ul>
 *   <li>{@code rtsp://}, {@code rtsps://}, {@code http://}, {@code https://}: a network camera
 *       ({@link CameraSource}, reconnecting);
 *   <li>{@code v4l2:/dev/video0}, {@code v4l2:0} or {@code /dev/video0}: a V4L2 device ({@link CameraSource});
 *   <li>a folder (or {@code file:} URI of one): an {@link ImageSequenceSource};
 *   <li>a file (or {@code file:} URI of one): a {@link VideoFileSource}.
 * </ul>
 */
public final class FrameSources {

    static final String SUPPORTED = "a video file, an image folder, rtsp://..., http(s)://..., "
            + "v4l2:/dev/videoN (or v4l2:N) or /dev/videoN";

    private static final Pattern NETWORK = Pattern.compile("(?i)(rtsps?|https?)://.+");

    private FrameSources() {}

    /**
     * Opens the input. Cameras connect lazily on the first {@code next()}; files and folders are checked now.
     *
     * @throws IllegalArgumentException when the input is not one of the supported kinds or does not exist
     * @throws IOException when a file or folder exists but cannot be opened
     */
    public static FrameSource open(String input, SourceOptions options) throws IOException {
        String in = input == null ? "" : input.strip();
        if (in.isEmpty()) {
            throw new IllegalArgumentException("No input given; expected " + SUPPORTED);
        }
        if (NETWORK.matcher(in).matches()) {
            return CameraSource.open(options.camera(in, null));
        }
        String lower = in.toLowerCase(Locale.ROOT);
        if (lower.startsWith("v4l2:")) {
            return CameraSource.open(options.camera(v4l2Device(in.substring(5)), CameraSettings.V4L2_FORMAT));
        }
        if (lower.startsWith("/dev/video")) {
            return CameraSource.open(options.camera(in, CameraSettings.V4L2_FORMAT));
        }
        return openPath(toPath(in), in, options);
    }

    private static String v4l2Device(String spec) {
        if (spec.matches("\\d+")) {
            return "/dev/video" + spec;
        }
        if (spec.startsWith("/dev/")) {
            return spec;
        }
        throw new IllegalArgumentException("Unsupported V4L2 device 'v4l2:" + spec + "'; use v4l2:/dev/videoN or v4l2:N");
    }

    private static Path toPath(String in) {
        boolean fileUri = in.regionMatches(true, 0, "file:", 0, 5);
        if (in.contains("://") && !fileUri) {
            throw unsupported(in, null);
        }
        try {
            return fileUri ? Path.of(URI.create(in)) : Path.of(in);
        } catch (IllegalArgumentException e) { // also InvalidPathException
            throw unsupported(in, e);
        }
    }

    private static IllegalArgumentException unsupported(String in, Exception cause) {
        String detail = cause == null ? "" : " (" + cause.getMessage() + ")";
        return new IllegalArgumentException("Unsupported input '" + in + "'" + detail + "; expected " + SUPPORTED,
                cause);
    }

    private static FrameSource openPath(Path path, String input, SourceOptions options) throws IOException {
        if (Files.isDirectory(path)) {
            return ImageSequenceSource.open(path, options.name(), options.sequenceFps());
        }
        if (Files.isRegularFile(path)) {
            return VideoFileSource.open(path, options.name());
        }
        throw new IllegalArgumentException("Input '" + input + "' is neither an existing file or folder nor a "
                + "camera URL; expected " + SUPPORTED);
    }
}
