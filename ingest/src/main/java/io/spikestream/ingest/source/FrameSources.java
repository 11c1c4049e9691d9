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
 *   <li>{@code synthetic:seed=7,frames=30,width=512,height=256[,camera=fixed]}: rendered scenes with ground
 *       truth ({@link SyntheticSource}, keys in {@link SyntheticSpec});
 *   <li>a folder (or {@code file:} URI of one): an {@link ImageSequenceSource};
 *   <li>a file (or {@code file:} URI of one): a {@link VideoFileSource}.
 * </ul>
 */
public final class FrameSources {

    static final String SUPPORTED = "a video file, an image folder, rtsp://..., http(s)://..., "
            + "v4l2:/dev/videoN (or v4l2:N), /dev/videoN or synthetic:seed=N,frames=N,width=W,height=H[,camera=driving|fixed]";

    private static final Pattern NETWORK = Pattern.compile("(?i)(rtsps?|https?)://.+");
    private static final Pattern USER_INFO = Pattern.compile("(?i)^([a-z][a-z0-9+.-]*://)[^/@]*@");

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
        if (SyntheticSpec.matches(in)) {
            return SyntheticSource.open(SyntheticSpec.parse(in), options.name());
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

    /** Whether {@code input} names a live camera (network URL or V4L2 device) rather than a file, folder or scene. */
    public static boolean isCamera(String input) {
        String in = input == null ? "" : input.strip();
        String lower = in.toLowerCase(Locale.ROOT);
        return NETWORK.matcher(in).matches() || lower.startsWith("v4l2:") || lower.startsWith("/dev/video");
    }

    /**
     * The name a source opened from {@code input} stamps on frames when none is configured, without any
     * {@code user:password@} of a URL: the URL, the device, the file or folder name, or {@code synthetic-<seed>}.
     *
     * @throws IllegalArgumentException when {@code input} is empty or a malformed synthetic spec
     */
    public static String defaultName(String input) {
        String in = input == null ? "" : input.strip();
        if (in.isEmpty()) {
            throw new IllegalArgumentException("No input given; expected " + SUPPORTED);
        }
        if (SyntheticSpec.matches(in)) {
            return SyntheticSpec.parse(in).defaultName();
        }
        if (in.toLowerCase(Locale.ROOT).startsWith("v4l2:")) {
            return v4l2Device(in.substring(5));
        }
        if (isCamera(in)) {
            return redactCredentials(in);
        }
        Path name = toPath(in).toAbsolutePath().normalize().getFileName();
        return name == null ? in : name.toString();
    }

    /** {@code text} with the {@code user:password@} part of a leading URL removed, for logs and records. */
    public static String redactCredentials(String text) {
        return USER_INFO.matcher(text).replaceFirst("$1");
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
            return VideoFileSource.open(path, options.name(), options.allowTruncated());
        }
        throw new IllegalArgumentException("Input '" + input + "' is neither an existing file or folder nor a "
                + "camera URL; expected " + SUPPORTED);
    }
}
