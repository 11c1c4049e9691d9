package io.spikestream.inference.stream;

import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.ImageEncoding;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import javax.imageio.ImageIO;

/** Frame records for topology tests. */
final class TestFrames {

    private TestFrames() {}

    static BufferedImage image(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, ((x * 8 + seed) % 256) << 16 | (y * 4 % 256) << 8 | 77);
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Frame.Builder frame(String camera, long sequence, int width, int height, byte[] image,
            ImageEncoding encoding) {
        return Frame.newBuilder().setCameraId(camera).setSequence(sequence)
                .setCaptureTime(Instant.ofEpochMilli(1_700_000_000_000L + sequence)).setWidth(width).setHeight(height)
                .setEncoding(encoding).setImage(ByteBuffer.wrap(image));
    }

    static byte[] serialize(Frame frame) {
        return SerdeFactory.singleObject().valueSerde(Topics.FRAMES).serializer().serialize(Topics.FRAMES.name(),
                frame);
    }
}
