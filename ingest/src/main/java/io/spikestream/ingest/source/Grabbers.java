package io.spikestream.ingest.source;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** Creates FFmpeg grabbers that decode to packed RGB24 and keep FFmpeg's console output to errors. */
final class Grabbers {

    /** Frame rate assumed when a container or camera reports none. */
    static final double DEFAULT_FPS = 25.0;

    private static volatile boolean quiet;

    private Grabbers() {}

    static FFmpegFrameGrabber rgb(String input) {
        if (!quiet) {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            quiet = true;
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input);
        grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
        return grabber;
    }

    static double frameRate(FFmpegFrameGrabber grabber) {
        double fps = grabber.getVideoFrameRate();
        if (!(fps > 0) || Double.isInfinite(fps)) {
            fps = grabber.getFrameRate();
        }
        return fps > 0 && !Double.isInfinite(fps) ? fps : DEFAULT_FPS;
    }
}
