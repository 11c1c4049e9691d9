package io.spikestream.app.pipeline;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Small real videos for tests, written with JavaCV: a red square moving over grey, MJPEG in AVI, 10 fps. */
public final class TestClips {

    private TestClips() {}

    /**
     * Writes the clip.
     *
     * @param file where to write it (an {@code .avi})
     * @param frames number of frames
     * @return {@code file}
     * @throws Exception when FFmpeg cannot write it
     */
    public static Path writeVideo(Path file, int frames) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 160, 96);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
            recorder.setFormat("avi");
            recorder.setFrameRate(10);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                BufferedImage img = new BufferedImage(160, 96, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = img.createGraphics();
                g.setColor(new Color(90, 90, 90));
                g.fillRect(0, 0, 160, 96);
                g.setColor(Color.RED);
                g.fillRect(10 * i, 30, 24, 24);
                g.dispose();
                recorder.record(converter.convert(img));
            }
            recorder.stop();
        }
        return file;
    }
}
