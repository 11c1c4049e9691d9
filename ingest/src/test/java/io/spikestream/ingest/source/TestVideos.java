package io.spikestream.ingest.source;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Writes a small MJPEG/AVI clip: a red square moving right over a grey background. */
public final class TestVideos {

    static final int WIDTH = 160;
    static final int HEIGHT = 120;
    public static final int FRAMES = 20;
    static final int FPS = 10;
    static final int SQUARE = 24;
    static final int SQUARE_Y = 48;
    static final Color BACKGROUND = new Color(40, 40, 40);

    private TestVideos() {}

    /** Left edge of the square in frame {@code i}. */
    static int squareX(long i) {
        return 8 + 6 * (int) i;
    }

    public static Path writeMovingSquare(Path file) throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("avi");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
            recorder.setFrameRate(FPS);
            recorder.setVideoQuality(2);
            recorder.start();
            for (int i = 0; i < FRAMES; i++) {
                recorder.record(converter.convert(frame(i)));
            }
            recorder.stop();
        }
        return file;
    }

    private static BufferedImage frame(int i) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.RED);
        g.fillRect(squareX(i), SQUARE_Y, SQUARE, SQUARE);
        g.dispose();
        return image;
    }
}
