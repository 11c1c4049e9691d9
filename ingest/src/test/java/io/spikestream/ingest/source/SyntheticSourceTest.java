package io.spikestream.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.ingest.image.RgbImages;
import io.spikestream.scenes.CameraKind;
import io.spikestream.scenes.SceneFrame;
import io.spikestream.scenes.SceneGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SyntheticSourceTest {

    private static SceneFrame render(long seed, int clip, int index) {
        return SceneGenerator.builder().setSeed(seed).optSize(128, 64).optFrames(clip).build().render(index);
    }

    private static byte[] labels(CapturedFrame frame) {
        ByteBuffer gt = frame.labelTrainIds().orElseThrow();
        byte[] out = new byte[gt.remaining()];
        gt.get(out);
        return out;
    }

    private static List<CapturedFrame> readAll(FrameSource source) throws IOException {
        List<CapturedFrame> frames = new ArrayList<>();
        for (Optional<CapturedFrame> f = source.next(); f.isPresent(); f = source.next()) {
            frames.add(f.get());
        }
        return frames;
    }

    @Test
    void shouldRenderSceneFramesWithTheirGroundTruthWhenRead() throws IOException {
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:seed=7,frames=3,width=128,height=64,clip=3");
        try (SyntheticSource source = SyntheticSource.open(spec, "cam-7")) {
            List<CapturedFrame> frames = readAll(source);
            assertEquals(3, frames.size());
            for (CapturedFrame f : frames) {
                SceneFrame expected = render(7, 3, (int) f.index());
                assertEquals("cam-7", f.sourceName());
                assertEquals(128, f.width());
                assertEquals(64, f.height());
                assertArrayEquals(RgbImages.toRgb(expected.image()), f.rgbBytes());
                assertArrayEquals(expected.labels(), labels(f));
                assertEquals(Math.round(f.index() * 1000 / 17.0), f.timestampMs());
            }
            assertTrue(source.next().isEmpty());
        }
    }

    @Test
    void shouldHoldOnlyCityscapesTrainIdsWhenGroundTruthAttached() throws IOException {
        try (FrameSource source = SyntheticSource.open(SyntheticSpec.parse("synthetic:seed=3,frames=1,width=128,height=64"),
                null)) {
            byte[] gt = labels(source.next().orElseThrow());
            for (byte id : gt) {
                int v = id & 0xFF;
                assertTrue(v < 19 || v == 255, "trainId " + v);
            }
            assertTrue(source.name().equals("synthetic-3"), source.name());
        }
    }

    @Test
    void shouldChainClipsWithNextSeedWhenMoreFramesThanOneClip() throws IOException {
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:seed=11,frames=5,width=128,height=64,clip=2");
        try (SyntheticSource source = SyntheticSource.open(spec, null)) {
            assertEquals(5, source.frameCount().orElseThrow());
            List<CapturedFrame> frames = readAll(source);
            assertEquals(5, frames.size());
            assertArrayEquals(render(12, 2, 1).labels(), labels(frames.get(3)));
            assertArrayEquals(render(13, 2, 0).labels(), labels(frames.get(4)));
            assertNotEquals(frames.get(1).timestampMs(), frames.get(2).timestampMs());
            assertEquals(Math.round(4 * 1000 / 17.0), frames.get(4).timestampMs());
        }
    }

    @Test
    void shouldParseDefaultsAndRejectUnknownKeysWhenSpecIsGiven() {
        SyntheticSpec spec = SyntheticSpec.parse("SYNTHETIC:");
        assertEquals(new SyntheticSpec(0, 30, 1024, 512, 30), spec);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SyntheticSpec.parse("synthetic:seed=1,fps=30"));
        assertTrue(unknown.getMessage().contains("fps") && unknown.getMessage().contains("width"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.parse("synthetic:width=64"));
        assertThrows(IllegalArgumentException.class, () -> SyntheticSpec.parse("synthetic:frames=x"));
    }

    @Test
    void shouldParseCameraKindWhenSpecNamesIt() {
        SyntheticSpec fixed = SyntheticSpec.parse("synthetic:seed=41,frames=300,width=512,height=256,camera=fixed");
        assertEquals(CameraKind.FIXED, fixed.camera());
        assertEquals("synthetic-fixed-41", fixed.defaultName());
        assertEquals(fixed, SyntheticSpec.parse(fixed.toString()));
        assertEquals(CameraKind.DRIVING, SyntheticSpec.parse("synthetic:camera=Driving").camera());
        assertEquals(CameraKind.DRIVING, SyntheticSpec.parse("synthetic:seed=3").camera());
        assertEquals("synthetic-3", SyntheticSpec.parse("synthetic:seed=3").defaultName());
    }

    @Test
    void shouldNameAllowedCamerasWhenCameraIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticSpec.parse("synthetic:seed=1,camera=foo"));
        assertTrue(e.getMessage().contains("'foo'") && e.getMessage().contains("driving, fixed"), e.getMessage());
    }

    @Test
    void shouldRenderFixedCameraFramesWhenSpecAsksForThem() throws IOException {
        SyntheticSpec spec = SyntheticSpec.parse("synthetic:seed=5,frames=2,width=128,height=64,camera=fixed");
        try (SyntheticSource source = SyntheticSource.open(spec, null)) {
            List<CapturedFrame> frames = readAll(source);
            SceneFrame expected = SceneGenerator.builder().setSeed(5).optSize(128, 64).optCamera(CameraKind.FIXED)
                    .build().render(1);
            assertArrayEquals(RgbImages.toRgb(expected.image()), frames.get(1).rgbBytes());
            assertArrayEquals(expected.labels(), labels(frames.get(1)));
            assertTrue(source.description().contains("fixed camera"), source.description());
        }
    }

    @Test
    void shouldOpenSyntheticUrisThroughFrameSources() throws IOException {
        try (FrameSource source = FrameSources.open("synthetic:seed=7,frames=30,width=512,height=256",
                SourceOptions.defaults())) {
            assertInstanceOf(SyntheticSource.class, source);
            assertEquals(30, source.frameCount().orElseThrow());
            assertEquals(17.0, source.frameRate());
            assertEquals("synthetic-7", source.name());
        }
        assertTrue(FrameSources.open("synthetic:frames=0,width=128,height=64", SourceOptions.defaults())
                .frameCount().isEmpty());
    }
}
