package io.spikestream.sink.live;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.StageTimings;
import io.spikestream.sink.Fixtures;
import io.spikestream.sink.SinkMetrics;
import io.spikestream.sink.SinkWriter;
import io.spikestream.sink.files.OutputLayout;
import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.TrainIdMask;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A street scene of {@value #W} x {@value #H} per camera and frame (sky, buildings, trees, road, sidewalk, a car
 * and a pedestrian that move with the sequence), written through a real {@link SinkWriter} so the live view is
 * fed as the sink feeds it and the overlays are real files.
 */
public final class LiveFixtures {

    public static final int W = 192;
    public static final int H = 96;
    static final long START_MILLIS = 1_700_000_000_000L;
    static final long FRAME_MILLIS = 100;

    private final SinkWriter writer;
    private final AtomicLong now = new AtomicLong(START_MILLIS);

    /** A writer under {@code outputDir} writing overlays as {@code format} ("jpg", "png" or "none"). */
    public LiveFixtures(Path outputDir, String format) {
        this.writer = new SinkWriter(new OutputLayout(outputDir), 0.45, format, null, new SinkMetrics(), now::get);
    }

    public LiveView view() {
        return writer.live();
    }

    public OutputLayout layout() {
        return writer.layout();
    }

    /** Writes frame {@code sequence} of camera {@code cameraId} (scene {@code index}): mask, row and overlay. */
    public SegmentationResult write(String cameraId, int index, long sequence) throws IOException {
        long capture = START_MILLIS + sequence * FRAME_MILLIS;
        byte[] ids = maskIds(index, sequence);
        SegmentationResult result = result(cameraId, sequence, capture, ids);
        now.set(capture + 80 + (sequence % 5) * 10);
        writer.writeResult(result, new TrainIdMask(W, H, ids.clone()));
        writer.writeOverlay(frame(cameraId, sequence, capture, ids), result);
        return result;
    }

    /** The class of each pixel of scene {@code index} at {@code sequence}, row-major. */
    static byte[] maskIds(int index, long sequence) {
        byte[] ids = new byte[W * H];
        int carX = (int) ((sequence * 6 + index * 47L) % (W - 40));
        int walkerX = (int) Math.floorMod(W - 12 - sequence * 2 - index * 29L, W - 6);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                ids[y * W + x] = (byte) background(index, x, y);
                if (x >= carX && x < carX + 40 && y >= H * 45 / 100 && y < H * 72 / 100) {
                    ids[y * W + x] = Cityscapes.CAR;
                } else if (x >= walkerX && x < walkerX + 6 && y >= H * 48 / 100 && y < H * 82 / 100) {
                    ids[y * W + x] = Cityscapes.PERSON;
                }
            }
        }
        return ids;
    }

    private static int background(int index, int x, int y) {
        if (y < H * (22 + 4 * (index % 3)) / 100) {
            return Cityscapes.SKY;
        }
        if (y < H * 55 / 100) {
            return (x / 24 + index) % 4 == 0 ? Cityscapes.VEGETATION : Cityscapes.BUILDING;
        }
        return y > H * 88 / 100 ? Cityscapes.SIDEWALK : Cityscapes.ROAD;
    }

    static SegmentationResult result(String cameraId, long sequence, long captureMillis, byte[] ids) {
        return Fixtures.segmented(cameraId, sequence, captureMillis, new TrainIdMask(W, H, ids))
                .setTimings(new StageTimings(1_000L, 2_000L, 30_000L, 1_000L, 500L, 34_500L))
                .setMeanFiringRate(0.08 + (sequence % 4) * 0.01)
                .setEnergyMillijoules(1.5)
                .setModelId("spike2former-test")
                .setStateCarried(sequence > 0)
                .setBatchSize(1)
                .setRecomputedFraction(sequence == 0 ? 1.0 : 0.2)
                .build();
    }

    static Frame frame(String cameraId, long sequence, long captureMillis, byte[] ids) {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, shade(ids[y * W + x], x, y));
            }
        }
        return Fixtures.pngFrame(cameraId, sequence, captureMillis, image).build();
    }

    /** A muted photo-like colour per class, with a little texture. */
    private static int shade(byte trainId, int x, int y) {
        int base = switch (trainId) {
            case Cityscapes.SKY -> 0xB8C8D8;
            case Cityscapes.BUILDING -> 0x8A8078;
            case Cityscapes.VEGETATION -> 0x4E6B3A;
            case Cityscapes.SIDEWALK -> 0xA8A49C;
            case Cityscapes.CAR -> 0x2C3550;
            case Cityscapes.PERSON -> 0x7A4038;
            default -> 0x55585C;
        };
        int texture = ((x * 7 + y * 13) % 9) - 4;
        int r = clamp((base >> 16 & 0xFF) + texture);
        int g = clamp((base >> 8 & 0xFF) + texture);
        int b = clamp((base & 0xFF) + texture);
        return r << 16 | g << 8 | b;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
