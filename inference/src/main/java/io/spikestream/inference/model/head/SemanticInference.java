package io.spikestream.inference.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.spikestream.inference.model.ops.Bilinear;

/**
 * Semantic inference of the mmseg {@code MaskFormerHead.predict}: mask-classification logits to per-class
 * scores and a trainId map.
 *
 * <pre>
 *   M = sigmoid(bilinear(maskLogits, inputH x inputW))                (B, Q, H, W), align_corners False
 *   scores[b, k] = sum_q softmax(cls[b, q])[k] M[b, q]                k &lt; K (drops "no object")
 *   labels = argmax_k bilinear(scores, outH x outW)                   (B, outH, outW)
 * </pre>
 *
 * <p>The sum over queries is a matrix product {@code (B, K, Q) x (B, Q, H W)} taken over chunks of queries,
 * each upsampled and released in its own scope, so at most about {@code maxChunkElements} upsampled mask
 * values exist at once (the default keeps Q = 100 at 512 x 1024 to chunks of 16 queries, 32 MB).
 * The result stays on the device of the inputs.
 *
 * <p>mmseg's {@code postprocess_result} also crops any padding before resizing to the original size; this
 * class does not pad, so callers that pad must crop the scores themselves.
 */
public final class SemanticInference {

    /** Default bound on upsampled mask elements per chunk (8 Mi floats, 32 MB). */
    public static final long DEFAULT_CHUNK_ELEMENTS = 1L << 23;

    private SemanticInference() {}

    /**
     * Scores and labels.
     *
     * @param scores per-class scores {@code (B, K, H, W)} at the requested output size
     * @param labels argmax over classes {@code (B, H, W)}, int64 trainIds
     */
    public record Result(NDArray scores, NDArray labels) {}

    /**
     * Segments at the network input size.
     *
     * @param classLogits {@code (B, Q, K + 1)}
     * @param maskLogits {@code (B, Q, h, w)}
     * @param inputH network input height
     * @param inputW network input width
     * @return scores {@code (B, K, inputH, inputW)} and their argmax
     */
    public static Result segment(NDArray classLogits, NDArray maskLogits, long inputH, long inputW) {
        return segment(classLogits, maskLogits, inputH, inputW, inputH, inputW);
    }

    /**
     * Segments, resizing the scores (bilinear, align_corners False) to {@code outH x outW} before the
     * argmax, as the mmseg wrapper does for the original image size.
     *
     * @param classLogits {@code (B, Q, K + 1)}
     * @param maskLogits {@code (B, Q, h, w)}
     * @param inputH network input height
     * @param inputW network input width
     * @param outH output height
     * @param outW output width
     * @return scores {@code (B, K, outH, outW)} and their argmax
     */
    public static Result segment(NDArray classLogits, NDArray maskLogits, long inputH, long inputW, long outH,
            long outW) {
        return fromScores(scores(classLogits, maskLogits, inputH, inputW, DEFAULT_CHUNK_ELEMENTS), outH, outW);
    }

    /**
     * The trainId map alone, as {@code segment(...).labels()} computes it, but without enlarging every class at
     * every pixel: when the output is at least the input size, only pixels near class boundaries are interpolated
     * ({@link EnlargedArgmax}).
     *
     * @param classLogits {@code (B, Q, K + 1)}
     * @param maskLogits {@code (B, Q, h, w)}
     * @param inputH network input height
     * @param inputW network input width
     * @param outH output height
     * @param outW output width
     * @return int64 labels {@code (B, outH, outW)}
     */
    public static NDArray labels(NDArray classLogits, NDArray maskLogits, long inputH, long inputW, long outH,
            long outW) {
        return labelsFromScores(scores(classLogits, maskLogits, inputH, inputW, DEFAULT_CHUNK_ELEMENTS), outH, outW);
    }

    /**
     * One image's trainIds at the output size, as {@link #labelsFromScores} labels them, computed on the host where
     * the output is at least the scores' size ({@link HostLabels}: libtorch's argmax over the class axis is slow on
     * CPU) and with tensors where it is smaller.
     *
     * @param scores {@code (1, K, h, w)}, K at most 256
     * @param outH output height
     * @param outW output width
     * @return one trainId per output pixel, row-major (read as unsigned bytes)
     */
    public static byte[] trainIds(NDArray scores, int outH, int outW) {
        Shape s = scores.getShape();
        if (s.get(0) != 1 || s.get(1) > 256) {
            throw new IllegalArgumentException("Expected the scores of one image of at most 256 classes, got " + s);
        }
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        if (outH < h || outW < w) {
            return labelsFromScores(scores, outH, outW).toType(DataType.UINT8, false).toByteArray();
        }
        float[] values = scores.toType(DataType.FLOAT32, false).toFloatArray();
        return new HostLabels(values, (int) s.get(1), h, w).enlarged(outH, outW);
    }

    /**
     * The argmax of per-class scores resized to the output size, as {@code fromScores(...).labels()}.
     *
     * @param scores {@code (B, K, inputH, inputW)}
     * @param outH output height
     * @param outW output width
     * @return int64 labels {@code (B, outH, outW)}
     */
    public static NDArray labelsFromScores(NDArray scores, long outH, long outW) {
        Shape s = scores.getShape();
        if (outH == s.get(2) && outW == s.get(3)) {
            return scores.argMax(1);
        }
        if (outH >= s.get(2) && outW >= s.get(3)) {
            return EnlargedArgmax.labels(scores, outH, outW);
        }
        return fromScores(scores, outH, outW).labels();
    }

    /**
     * Resizes per-class scores at the network input size to the output size and takes the argmax.
     *
     * @param scores {@code (B, K, inputH, inputW)}
     * @param outH output height
     * @param outW output width
     * @return scores {@code (B, K, outH, outW)} and their argmax
     */
    public static Result fromScores(NDArray scores, long outH, long outW) {
        Shape s = scores.getShape();
        NDArray resized = outH == s.get(2) && outW == s.get(3) ? scores
                : resize(scores, outH, outW, DEFAULT_CHUNK_ELEMENTS);
        return new Result(resized, resized.argMax(1));
    }

    /**
     * Bilinear resize (align_corners False) of {@code (B, K, H, W)} scores, a chunk of classes at a time so the
     * resize temporaries stay near {@code maxChunkElements}.
     *
     * @param scores {@code (B, K, H, W)}
     * @param outH output height
     * @param outW output width
     * @param maxChunkElements bound on values per chunk at the larger of the two sizes
     * @return {@code (B, K, outH, outW)}
     */
    public static NDArray resize(NDArray scores, long outH, long outW, long maxChunkElements) {
        Shape s = scores.getShape();
        long plane = s.get(0) * Math.max(s.get(2), outH) * Math.max(s.get(3), outW);
        long chunk = Math.max(1, maxChunkElements / plane);
        if (chunk >= s.get(1)) {
            return Bilinear.resize(scores, outH, outW);
        }
        NDList parts = new NDList();
        for (long start = 0; start < s.get(1); start += chunk) {
            parts.add(resizeChunk(scores, start, Math.min(s.get(1), start + chunk), outH, outW));
        }
        NDArray out = NDArrays.concat(parts, 1);
        parts.close();
        return out;
    }

    private static NDArray resizeChunk(NDArray scores, long start, long end, long outH, long outW) {
        NDManager owner = scores.getManager();
        try (NDManager scope = owner.newSubManager()) {
            NDArray part = scores.get(new NDIndex(":, {}:{}", start, end));
            part.attach(scope);
            NDArray out = Bilinear.resize(part, outH, outW);
            out.attach(owner);
            return out;
        }
    }

    /**
     * Per-class scores at the network input size.
     *
     * @param classLogits {@code (B, Q, K + 1)}
     * @param maskLogits {@code (B, Q, h, w)}
     * @param inputH network input height
     * @param inputW network input width
     * @param maxChunkElements bound on upsampled mask values per chunk (at least one query per chunk)
     * @return {@code (B, K, inputH, inputW)}
     */
    public static NDArray scores(NDArray classLogits, NDArray maskLogits, long inputH, long inputW,
            long maxChunkElements) {
        Shape c = classLogits.getShape();
        Shape m = maskLogits.getShape();
        if (c.dimension() != 3 || m.dimension() != 4 || c.get(0) != m.get(0) || c.get(1) != m.get(1)) {
            throw new IllegalArgumentException("Need class logits (B, Q, K + 1) and mask logits (B, Q, h, w)"
                    + " with the same B and Q, got " + c + " and " + m);
        }
        long batch = c.get(0);
        long queries = c.get(1);
        long classes = c.get(2) - 1;
        NDArray probs = classProbabilities(classLogits);
        long chunk = Math.max(1, maxChunkElements / (batch * inputH * inputW));
        NDArray acc = null;
        for (long start = 0; start < queries; start += chunk) {
            long end = Math.min(queries, start + chunk);
            NDArray part = chunkScores(probs, maskLogits, start, end, inputH, inputW);
            acc = acc == null ? part : acc.addi(part);
        }
        return acc.reshape(batch, classes, inputH, inputW);
    }

    /**
     * The class probabilities of each query without "no object", as the query-to-class weights of the scores.
     *
     * @param classLogits {@code (B, Q, K + 1)}
     * @return {@code (B, K, Q)}
     */
    public static NDArray classProbabilities(NDArray classLogits) {
        long classes = classLogits.getShape().get(2) - 1;
        return classLogits.softmax(-1).get(new NDIndex(":, :, :{}", classes)).transpose(0, 2, 1);
    }

    /**
     * Scores of one block of queries: {@code probs x sigmoid(bilinear(maskLogits, h x w))}, the term that
     * {@link #scores} sums over query chunks. Pixel-local up to the bilinear enlargement's one-pixel reach.
     *
     * @param probs {@code (N, K, Q)} from {@link #classProbabilities}
     * @param maskLogits {@code (N, Q, h', w')}
     * @param h output height
     * @param w output width
     * @return {@code (N, K, h w)}
     */
    public static NDArray queryScores(NDArray probs, NDArray maskLogits, long h, long w) {
        NDArray up = Activation.sigmoid(Bilinear.resize(maskLogits, h, w));
        Shape s = up.getShape();
        return probs.matMul(up.reshape(s.get(0), s.get(1), h * w));
    }

    /** {@code probs[:, :, s:e] x sigmoid(up(masks[:, s:e]))} as {@code (B, K, H W)}, temporaries released. */
    private static NDArray chunkScores(NDArray probs, NDArray maskLogits, long start, long end, long h, long w) {
        NDManager owner = probs.getManager();
        try (NDManager scope = owner.newSubManager()) {
            NDArray masks = maskLogits.get(new NDIndex(":, {}:{}", start, end));
            NDArray weights = probs.get(new NDIndex(":, :, {}:{}", start, end));
            masks.attach(scope);
            weights.attach(scope);
            NDArray part = queryScores(weights, masks, h, w);
            part.attach(owner);
            return part;
        }
    }
}
