package io.spikestream.inference.model.keyframe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.delta.DeltaCache;
import io.spikestream.inference.model.delta.DeltaOutput;
import io.spikestream.inference.model.head.SemanticInference;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Runs {@link KeyFrameNetwork} on camera streams: per camera a {@link DeltaCache} holds the key frame's context,
 * the key frame's 8x8-block means and the frames since it; each frame is a key frame or reuses the context by
 * the {@link KeyFrameSettings} of the call. An empty cache, or one from another input size, makes a key frame. Key frames and
 * other frames of one batch run as two passes.
 */
public final class KeyFrameRunner {

    /** Cache keys. */
    static final String Y8 = "key.y8";
    static final String CLS = "key.cls";
    static final String ME = "key.me";
    static final String BLOCKS = "key.blocks";
    static final String AGE = "key.age";
    /** Stage names under which the passes are reported. */
    public static final String KEY = "key";
    public static final String REUSE = "reuse";

    private final KeyFrameNetwork network;
    private final UnaryOperator<NDArray> normaliser;
    private double reuseShare = Double.NaN;

    /**
     * A runner.
     *
     * @param network the network
     * @param normaliser turns RGB 0..255 {@code (B, 3, H, W)} into the network input
     */
    public KeyFrameRunner(KeyFrameNetwork network, UnaryOperator<NDArray> normaliser) {
        this.network = network;
        this.normaliser = normaliser;
    }

    /**
     * Measures, once per input size, the share of a key frame's work (multiply-accumulates, the model's
     * accounting) that a frame reusing the context does.
     *
     * @param ctxWithAccounting a context whose accounting is on
     * @param manager where the temporary input lives
     * @param height network input height
     * @param width network input width
     */
    public void measureCosts(SpikeContext ctxWithAccounting, NDManager manager, int height, int width) {
        NDArray zeros = manager.zeros(new Shape(1, 3, height, width));
        KeyFrameNetwork.KeyFrame k = network.key(ctxWithAccounting, zeros, false);
        long key = ctxWithAccounting.accountedMacs();
        network.reuse(ctxWithAccounting, zeros, k.context());
        reuseShare = (ctxWithAccounting.accountedMacs() - key) / (double) key;
    }

    /**
     * Segments a batch of cameras' frames, updating their caches.
     *
     * @param ctx the pass context (inference mode)
     * @param raw the frames resized to the network input, RGB 0..255, {@code (B, 3, H, W)}
     * @param cache the batch's caches concatenated ({@link DeltaCache#concat}); empty for new cameras
     * @param settings when a frame is a key frame
     * @return per-class scores at the input size, which items were key frames (recomputed 1) and the time per pass
     */
    public DeltaOutput forward(SpikeContext ctx, NDArray raw, DeltaCache cache, KeyFrameSettings settings) {
        long start = System.nanoTime();
        Shape s = raw.getShape();
        int batch = (int) s.get(0);
        NDArray blocks = blockMeans(raw);
        boolean[] key = keyFrames(blocks, cache, batch, settings);
        int[] keyItems = items(key, true);
        int[] reuseItems = items(key, false);
        NDArray image = normaliser.apply(raw);
        Map<String, Double> millis = new LinkedHashMap<>();
        Map<String, Double> shares = new LinkedHashMap<>();
        NDArray[] cls = new NDArray[batch];
        NDArray[] masks = new NDArray[batch];
        Map<String, NDArray[]> next = new LinkedHashMap<>();
        for (String name : List.of(Y8, CLS, ME, BLOCKS, AGE)) {
            next.put(name, new NDArray[batch]);
        }
        if (keyItems.length > 0) {
            KeyFrameNetwork.KeyFrame k = network.key(ctx, pick(image, keyItems), false);
            NDArray age = raw.getManager().zeros(new Shape(keyItems.length), DataType.INT32);
            scatter(k.output(), keyItems, cls, masks);
            store(next, keyItems, k.context(), pick(blocks, keyItems), age);
            millis.put(KEY, (System.nanoTime() - start) / 1e6);
        }
        if (reuseItems.length > 0) {
            long t = System.nanoTime();
            KeyFrameNetwork.Context c = new KeyFrameNetwork.Context(pick(cache.get(Y8), reuseItems),
                    pick(cache.get(CLS), reuseItems), pick(cache.get(ME), reuseItems));
            HeadOutput out = network.reuse(ctx, pick(image, reuseItems), c);
            scatter(out, reuseItems, cls, masks);
            store(next, reuseItems, c, pick(cache.get(BLOCKS), reuseItems), pick(cache.get(AGE), reuseItems).add(1));
            millis.put(REUSE, (System.nanoTime() - t) / 1e6);
        }
        shares.put(KEY, keyItems.length / (double) batch);
        shares.put(REUSE, reuseItems.length / (double) batch);
        next.forEach((name, parts) -> cache.put(name, NDArrays.concat(new NDList(parts), 0)));
        NDArray scores = SemanticInference.scores(NDArrays.concat(new NDList(cls), 0),
                NDArrays.concat(new NDList(masks), 0), s.get(2), s.get(3), SemanticInference.DEFAULT_CHUNK_ELEMENTS);
        double[] work = new double[batch];
        for (int b = 0; b < batch; b++) {
            work[b] = key[b] ? 1 : Double.isNaN(reuseShare) ? 0 : reuseShare;
        }
        return new DeltaOutput(scores, cache.get(CLS).squeeze(1), work, shares, millis);
    }

    /** Per item, whether it is a key frame: a new or resized camera, the interval's end, or a large change. */
    private static boolean[] keyFrames(NDArray blocks, DeltaCache cache, int batch, KeyFrameSettings settings) {
        boolean[] key = new boolean[batch];
        NDArray old = cache.get(BLOCKS);
        if (old == null || !old.getShape().equals(blocks.getShape())) {
            java.util.Arrays.fill(key, true);
            return key;
        }
        int[] age = cache.get(AGE).toIntArray();
        float[] change = settings.adaptive()
                ? blocks.sub(old).abs().reshape(batch, -1).mean(new int[] {1}).toFloatArray() : new float[batch];
        for (int b = 0; b < batch; b++) {
            key[b] = age[b] + 1 >= settings.interval() || change[b] > settings.adaptiveChange();
        }
        return key;
    }

    /** Means of {@value KeyFrameSettings#BLOCK}x{@value KeyFrameSettings#BLOCK} blocks, {@code (B, 3, H/8, W/8)}. */
    private static NDArray blockMeans(NDArray raw) {
        Shape s = raw.getShape();
        int k = KeyFrameSettings.BLOCK;
        return raw.reshape(s.get(0), 3, s.get(2) / k, k, s.get(3) / k, k).mean(new int[] {5}).mean(new int[] {3});
    }

    private static int[] items(boolean[] key, boolean wanted) {
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < key.length; b++) {
            if (key[b] == wanted) {
                out.add(b);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The batch items listed, in that order; the array itself when all are. */
    private static NDArray pick(NDArray a, int[] items) {
        if (items.length == a.getShape().get(0)) {
            return a;
        }
        NDList parts = new NDList(items.length);
        for (int b : items) {
            parts.add(a.get(new NDIndex("{}:{}", b, b + 1)));
        }
        return NDArrays.concat(parts, 0);
    }

    private static void scatter(HeadOutput out, int[] items, NDArray[] cls, NDArray[] masks) {
        for (int i = 0; i < items.length; i++) {
            cls[items[i]] = out.classLogits().get(new NDIndex("{}:{}, 0", i, i + 1));
            masks[items[i]] = out.maskLogits().get(new NDIndex("{}:{}, 0", i, i + 1));
        }
    }

    private static void store(Map<String, NDArray[]> next, int[] items, KeyFrameNetwork.Context c, NDArray blocks,
            NDArray age) {
        NDArray[] values = {c.y8(), c.classLogits(), c.maskEmbeddings(), blocks, age};
        String[] names = {Y8, CLS, ME, BLOCKS, AGE};
        for (int n = 0; n < names.length; n++) {
            for (int i = 0; i < items.length; i++) {
                next.get(names[n])[items[i]] = values[n].get(new NDIndex("{}:{}", i, i + 1));
            }
        }
    }
}
