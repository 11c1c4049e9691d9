package io.spikestream.inference.runtime.checkpoint;

import io.spikestream.inference.testing.Fixtures;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointReaderTest {

    @Test
    void shouldReadMicroStateDictWhenCheckpointIsMmengineFormat() throws IOException {
        Map<String, TensorData> sd = TorchCheckpointReader.readStateDict(Fixtures.path("micro-checkpoint.pth"));

        assertEquals(679, sd.size());
        TensorData stem = sd.values().iterator().next();
        assertEquals("backbone.downsample1_1.encode_conv.weight", stem.name());
        assertEquals(TorchDType.FLOAT32, stem.dtype());
        assertArrayEquals(new long[] {4, 3, 7, 7}, stem.shape());
        float[] v = stem.toFloatArray();
        assertEquals(0.04765625298023224f, v[0], 0f);
        assertEquals(-0.06698757410049438f, v[2], 0f);
        assertEquals(0.9820946455001831f, sd.get("decode_head.w").toFloatArray()[0], 0f);
        assertArrayEquals(new long[] {6, 32}, sd.get("decode_head.cls_embed.weight").shape());
    }

    @Test
    void shouldKeepNumBatchesTrackedWhenReadingStateDict() throws IOException {
        Map<String, TensorData> sd = TorchCheckpointReader.readStateDict(Fixtures.path("micro-checkpoint.pth"));

        TensorData tracked = sd.get("backbone.downsample1_1.encode_bn.num_batches_tracked");
        assertEquals(TorchDType.INT64, tracked.dtype());
        assertArrayEquals(new long[0], tracked.shape());
        assertEquals(128611L, tracked.toLongArray()[0]);
        assertEquals(102, sd.keySet().stream().filter(k -> k.endsWith("num_batches_tracked")).count());
    }

    @Test
    void shouldKeepUnknownMetaClassesAsLenientObjectsWhenReadingWholeCheckpoint() throws IOException {
        Map<?, ?> root = (Map<?, ?>) TorchCheckpointReader.readObject(Fixtures.path("micro-checkpoint.pth"));

        Map<?, ?> meta = (Map<?, ?>) root.get("meta");
        LenientObject palette = assertInstanceOf(LenientObject.class, meta.get("palette_array"));
        assertEquals("numpy.core.multiarray._reconstruct", palette.className());
        assertEquals(97500, ((Number) meta.get("iter")).intValue());
        Object[] classes = (Object[]) ((Map<?, ?>) meta.get("dataset_meta")).get("classes");
        assertArrayEquals(new Object[] {"road", "building", "vegetation", "sky", "car"}, classes);
        Map<?, ?> scalars = (Map<?, ?>) ((Map<?, ?>) root.get("message_hub")).get("log_scalars");
        LenientObject buffer = assertInstanceOf(LenientObject.class, scalars.get("train/loss"));
        assertEquals("mmengine.logging.history_buffer.HistoryBuffer", buffer.className());
        assertInstanceOf(Map.class, buffer.state());
    }

    @Test
    void shouldDecodeEveryDtypeWhenTensorsAreStridedOrOffset() throws IOException {
        Map<String, TensorData> t = TorchCheckpointReader.readStateDict(Fixtures.path("dtypes-checkpoint.pth"));

        float[] base = new float[24];
        float[] quarter = new float[24];
        for (int i = 0; i < 24; i++) {
            base[i] = i;
            quarter[i] = i / 4f;
        }
        assertArrayEquals(base, t.get("f32").toFloatArray());
        for (String key : new String[] {"f64", "f16", "bf16"}) {
            assertArrayEquals(quarter, t.get(key).toFloatArray(), key);
            assertArrayEquals(new long[] {4, 6}, t.get(key).shape(), key);
        }
        assertEquals(TorchDType.BFLOAT16, t.get("bf16").dtype());
        assertArrayEquals(new long[] {-3, -2, -1, 0, 1, 2}, t.get("i64").toLongArray());
        assertArrayEquals(new long[] {-3, -2, -1, 0, 1, 2}, t.get("i32").toLongArray());
        assertArrayEquals(new long[] {250, 251, 252, 253, 254, 255}, t.get("u8").toLongArray());
        assertArrayEquals(new long[] {1, 0, 1}, t.get("bool").toLongArray());
    }

    @Test
    void shouldGatherValuesWhenStridesAreNotContiguous() throws IOException {
        Map<String, TensorData> t = TorchCheckpointReader.readStateDict(Fixtures.path("dtypes-checkpoint.pth"));

        TensorData transposed = t.get("transposed");
        assertArrayEquals(new long[] {6, 4}, transposed.shape());
        float[] v = transposed.toFloatArray();
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(c * 6 + r, v[r * 4 + c], 0f);
            }
        }
        assertArrayEquals(new float[] {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21},
                t.get("view_offset").toFloatArray());
        assertArrayEquals(new float[] {0, 7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91, 98},
                t.get("slice_step").toFloatArray());
        assertArrayEquals(new long[0], t.get("scalar").shape());
        assertEquals(3.5f, t.get("scalar").toFloatArray()[0], 0f);
        assertArrayEquals(new float[] {2, 2, 2, 2}, t.get("param").toFloatArray());
    }

    @Test
    void shouldFailWithReadableMessageWhenZipHasNoPickle(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("not-torch.pth");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("archive/other.txt"));
            zip.write(1);
            zip.closeEntry();
        }

        IOException e = assertThrows(IOException.class, () -> TorchCheckpointReader.readStateDict(file));
        assertTrue(e.getMessage().contains("not a torch.save checkpoint"), e.getMessage());
    }
}
