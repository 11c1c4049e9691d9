package io.spikestream.inference.runtime.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads PyTorch checkpoints written by {@code torch.save} (zip format) without Python.
 *
 * <p>Layout: {@code <root>/data.pkl} (pickle, protocol 2), {@code <root>/data/<key>} (raw little-endian
 * storages), {@code <root>/version}. Tensors ({@code torch._utils._rebuild_tensor_v2}, also wrapped in
 * {@code _rebuild_parameter}) become {@link TensorData}, honouring storage offset, size and stride.
 * Unknown classes (numpy arrays, mmengine objects in {@code meta} or {@code message_hub}) become
 * {@link LenientObject}s and never break loading.
 */
public final class TorchCheckpointReader {

    private static final String MODULE_PREFIX = "module.";

    private TorchCheckpointReader() {}

    /**
     * Reads the state_dict: the top-level mapping, or the one under {@code state_dict} or {@code model}
     * (mmengine and timm layouts). A {@code module.} prefix (DataParallel) is stripped.
     *
     * @param file the checkpoint
     * @return key to tensor, in checkpoint order; non-tensor entries are skipped
     * @throws IOException if the file cannot be read or is not a torch zip checkpoint
     */
    public static Map<String, TensorData> readStateDict(Path file) throws IOException {
        Map<?, ?> dict = stateDictOf(readObject(file), file);
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (e.getValue() instanceof TensorData) {
                String key = String.valueOf(e.getKey());
                key = key.startsWith(MODULE_PREFIX) ? key.substring(MODULE_PREFIX.length()) : key;
                out.put(key, ((TensorData) e.getValue()).withName(key));
            }
        }
        return out;
    }

    /**
     * Reads the whole pickled object (dicts become maps, tuples {@code Object[]}, tensors
     * {@link TensorData} with an empty name, unknown classes {@link LenientObject}).
     *
     * @param file the checkpoint
     * @return the root object
     * @throws IOException if the file cannot be read or is not a torch zip checkpoint
     */
    public static Object readObject(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String root = rootOf(zip, file);
            Map<String, ByteBuffer> cache = new HashMap<>();
            TorchUnpickler unpickler = new TorchUnpickler(
                    key -> cache.computeIfAbsent(key, k -> storage(zip, root + "data/" + k)));
            try (InputStream in = zip.getInputStream(zip.getEntry(root + "data.pkl"))) {
                return unpickler.load(in);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    private static Map<?, ?> stateDictOf(Object root, Path file) {
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException(file + " does not hold a dict but " + root);
        }
        Map<?, ?> top = (Map<?, ?>) root;
        for (String key : new String[] {"state_dict", "model"}) {
            if (top.get(key) instanceof Map) {
                return (Map<?, ?>) top.get(key);
            }
        }
        return top;
    }

    private static String rootOf(ZipFile zip, Path file) throws IOException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.endsWith("data.pkl")) {
                return name.substring(0, name.length() - "data.pkl".length());
            }
        }
        throw new IOException(file + " is a zip without data.pkl: not a torch.save checkpoint"
                + " (legacy non-zip checkpoints are not supported; re-save with torch >= 1.6)");
    }

    private static ByteBuffer storage(ZipFile zip, String entry) {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            throw new UncheckedIOException(new IOException("Missing storage " + entry + " in " + zip.getName()));
        }
        try (InputStream in = zip.getInputStream(e)) {
            return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
