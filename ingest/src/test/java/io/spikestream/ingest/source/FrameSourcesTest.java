package io.spikestream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameSourcesTest {

    private static final SourceOptions OPTIONS = SourceOptions.defaults().withName("cam");

    @TempDir
    Path dir;

    @Test
    void shouldOpenFolderAsImageSequenceAndFileAsVideo() throws IOException {
        ImageSequenceSourceTest.writeRgb(dir.resolve("0001.png"), 0x102030);
        try (FrameSource folder = FrameSources.open(dir.toString(), OPTIONS)) {
            assertInstanceOf(ImageSequenceSource.class, folder);
            assertEquals(0x102030, folder.next().orElseThrow().rgbAt(0, 0));
        }
        Path video = TestVideos.writeMovingSquare(dir.resolve("clip.avi"));
        try (FrameSource file = FrameSources.open(video.toUri().toString(), OPTIONS)) {
            assertInstanceOf(VideoFileSource.class, file);
            assertEquals("cam", file.next().orElseThrow().sourceName());
        }
    }

    @Test
    void shouldOpenCamerasLazilyForNetworkUrlsAndV4l2Devices() throws IOException {
        for (String uri : new String[] {"rtsp://10.0.0.5:554/live", "HTTPS://cam.example/mjpeg", "v4l2:2",
                "v4l2:/dev/video2", "/dev/video2"}) {
            try (FrameSource source = FrameSources.open(uri, OPTIONS)) {
                assertInstanceOf(CameraSource.class, source, uri);
            }
        }
        try (FrameSource usb = FrameSources.open("v4l2:2", OPTIONS)) {
            assertTrue(usb.description().contains("/dev/video2"), usb.description());
        }
    }

    @Test
    void shouldDeriveNamesWithoutCredentialsWhenNoNameIsConfigured() {
        assertEquals("rtsp://10.0.0.5:554/live", FrameSources.defaultName("rtsp://admin:secret@10.0.0.5:554/live"));
        assertEquals("/dev/video2", FrameSources.defaultName("v4l2:2"));
        assertEquals("clip.mp4", FrameSources.defaultName(dir.resolve("clip.mp4").toString()));
        assertEquals("synthetic-7", FrameSources.defaultName("synthetic:seed=7"));
        assertTrue(FrameSources.isCamera("rtsp://cam/live") && FrameSources.isCamera("/dev/video0"));
        assertTrue(!FrameSources.isCamera("synthetic:") && !FrameSources.isCamera(dir.toString()));
    }

    @Test
    void shouldHideCredentialsWhenDescribingCameras() throws IOException {
        try (FrameSource cam = FrameSources.open("rtsp://admin:secret@10.0.0.5/live", SourceOptions.defaults())) {
            assertTrue(!cam.description().contains("secret"), cam.description());
        }
    }

    @Test
    void shouldListSupportedInputsWhenInputIsUnsupported() {
        for (String uri : new String[] {"ftp://host/clip.mp4", dir.resolve("missing.mp4").toString(), " ", "v4l2:cam"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FrameSources.open(uri, OPTIONS), uri);
            assertTrue(e.getMessage().contains("v4l2:"), e.getMessage());
        }
    }
}
