package io.spikestream.ingest.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes any video file FFmpeg understands (MP4, MKV, AVI, ...), frame by frame, in presentation order.
 * Frame timestamps are the container's presentation times in ms.
 */
public final class VideoFileSource implements FrameSource {

    private final Path file;
    private final String name;
    private final FFmpegFrameGrabber grabber;
    private long nextIndex;
    private boolean ended;

    private VideoFileSource(Path file, String name, FFmpegFrameGrabber grabber) {
        this.file = file;
        this.name = name;
        this.grabber = grabber;
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
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such video file");
        }
        FFmpegFrameGrabber grabber = Grabbers.rgb(file.toAbsolutePath().toString());
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            grabber.close();
            throw new IOException("FFmpeg cannot decode " + file + ": " + e.getMessage(), e);
        }
        return new VideoFileSource(file, name != null ? name : file.getFileName().toString(), grabber);
    }

    @Override
    public Optional<CapturedFrame> next() throws IOException {
        if (ended) {
            return Optional.empty();
        }
        Frame frame = grabber.grabImage();
        if (frame == null) {
            ended = true;
            return Optional.empty();
        }
        return Optional.of(FrameCopier.copy(frame, name, nextIndex++, frame.timestamp / 1000));
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
