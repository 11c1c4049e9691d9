package io.spikestream.ingest.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes any video file FFmpeg understands (MP4, MKV, AVI, ...), frame by frame, in presentation order.
 * Frame timestamps are the container's presentation times in ms.
 *
 * <p>A file that ends with fewer than {@value #COMPLETE_SHARE} of the frames its container announces (and at least
 * two missing) is truncated or corrupt: its end is an {@link InputException} saying how many frames were read of
 * how many and where decoding stopped, unless {@link SourceOptions#allowTruncated()}, which logs the same as a
 * warning and ends normally. Frames read before the end have been delivered either way. A file whose container
 * gives no frame count ends normally.
 */
public final class VideoFileSource implements FrameSource {

    /** Share of the announced frames below which a file's end counts as truncated. */
    static final double COMPLETE_SHARE = 0.95;

    private static final Logger LOG = LoggerFactory.getLogger(VideoFileSource.class);

    private final Path file;
    private final String name;
    private final FFmpegFrameGrabber grabber;
    private final boolean allowTruncated;
    private long nextIndex;
    private long lastTimestampMillis = -1;
    private boolean ended;

    private VideoFileSource(Path file, String name, FFmpegFrameGrabber grabber, boolean allowTruncated) {
        this.file = file;
        this.name = name;
        this.grabber = grabber;
        this.allowTruncated = allowTruncated;
    }

    /**
     * Opens and starts decoding a video file.
     *
     * @param file the video
     * @param name name stamped on frames; the file name when {@code null}
     * @throws NoSuchFileException when the file does not exist
     * @throws IOException when FFmpeg cannot open or decode it
     */
    public static VideoFileSource open(Path file, String name) throws IOException {
        return open(file, name, false);
    }

    /**
     * Opens and starts decoding a video file.
     *
     * @param file the video
     * @param name name stamped on frames; the file name when {@code null}
     * @param allowTruncated end a truncated file with a warning instead of an {@link InputException}
     * @throws NoSuchFileException when the file does not exist
     * @throws InputException when the file is empty, unreadable or not a video FFmpeg can decode
     */
    public static VideoFileSource open(Path file, String name, boolean allowTruncated) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such video file");
        }
        if (!Files.isReadable(file)) {
            throw new InputException("cannot read video file " + file + ": permission denied", null);
        }
        if (Files.size(file) == 0) {
            throw new InputException("cannot read video file " + file + ": the file is empty", null);
        }
        FFmpegFrameGrabber grabber = Grabbers.rgb(file.toAbsolutePath().toString());
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            grabber.close();
            throw new InputException("cannot read video file " + file + ": FFmpeg cannot decode it ("
                    + firstLine(e.getMessage()) + ")", e);
        }
        return new VideoFileSource(file, name != null ? name : file.getFileName().toString(), grabber, allowTruncated);
    }

    /** FFmpeg's reason, without JavaCV's hints for its own developers ("Has setFormat() been called?", ...). */
    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("").trim();
        line = line.replaceAll("\\s*\\((Has setFormat|For more details)[^)]*\\)+", "").trim();
        return line.isEmpty() ? "no reason given" : line;
    }

    @Override
    public Optional<CapturedFrame> next() throws IOException {
        if (ended) {
            return Optional.empty();
        }
        Frame frame = grabber.grabImage();
        if (frame == null) {
            ended = true;
            checkComplete();
            return Optional.empty();
        }
        lastTimestampMillis = frame.timestamp / 1000;
        return Optional.of(FrameCopier.copy(frame, name, nextIndex++, lastTimestampMillis));
    }

    /** At the end: a file short of the frames its container announces is truncated. */
    private void checkComplete() throws InputException {
        OptionalLong expected = frameCount();
        if (expected.isEmpty() || nextIndex >= COMPLETE_SHARE * expected.getAsLong()
                || expected.getAsLong() - nextIndex < 2) {
            return;
        }
        String where = nextIndex == 0 ? "before the first frame"
                : String.format(Locale.ROOT, "after frame %d at %.2f s", nextIndex - 1, lastTimestampMillis / 1000.0);
        String message = String.format(Locale.ROOT, "video file %s ended after %d of the %d frames its container"
                + " announces (decoding stopped %s%s): it is truncated or corrupt", file, nextIndex,
                expected.getAsLong(), where, duration());
        if (!allowTruncated) {
            throw new InputException(message + "; the frames read were sent; pass --allow-truncated to accept a"
                    + " short file", null);
        }
        LOG.warn("{}; accepted (--allow-truncated)", message);
    }

    private String duration() {
        long micros = grabber.getLengthInTime();
        return micros > 0 ? String.format(Locale.ROOT, " of %.2f s", micros / 1e6) : "";
    }

    @Override
    public double frameRate() {
        return Grabbers.frameRate(grabber);
    }

    /** The container's video frame count; empty when the container does not say (some streams). */
    @Override
    public OptionalLong frameCount() {
        int n = grabber.getLengthInVideoFrames();
        return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return String.format("video file %s (%dx%d, %.2f fps%s)", file, grabber.getImageWidth(),
                grabber.getImageHeight(), frameRate(),
                frameCount().isPresent() ? ", " + frameCount().getAsLong() + " frames" : "");
    }

    @Override
    public void close() throws IOException {
        grabber.close();
    }
}
