package io.spikestream.inference.model.keyframe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.PixelFeatures;
import io.spikestream.inference.model.Spike2Former;
import io.spikestream.inference.model.backbone.Backbone;
import io.spikestream.inference.model.head.DecodeHead;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.pixel.PixelDecoder;
import java.util.List;

/**
 * Spike2Former for moving cameras: a key frame runs the whole network and leaves its <em>context</em>; a frame
 * that is not a key frame recomputes only the backbone's two finest levels (1/2, 1/4), the FPN steps at 1/4 and
 * 1/2 and the mask features, and takes the rest from the key frame's context:
 *
 * <pre>
 *   key frame      x1, x2, x3, x4 -> encoder -> y16 -> y8 -> y4 -> mask features; decoder(y16, y8, y4) -> queries
 *   other frames   x1, x2 (fresh) + y8 (key) -> y4 -> mask features; queries (key)
 * </pre>
 *
 * <p>The context is {@code y8} and the last decoder layer's class logits and mask embeddings: everything deep
 * and global (1/8 convolutions, attention at 1/16, the deformable encoder, the transformer decoder), about
 * 60% of a pass. Both paths are differentiable, so training can backpropagate a later frame's loss through the
 * kept context into the key frame (docs/training.md); {@link KeyFrameRunner} runs them on camera streams.
 */
public final class KeyFrameNetwork {

    private final Spike2Former<?, ?> model;
    private final Backbone backbone;
    private final DecodeHead head;
    private final PixelDecoder pixels;

    /**
     * Wraps a network.
     *
     * @param model the released architecture
     * @throws IllegalArgumentException for another architecture
     */
    public KeyFrameNetwork(Spike2Former<?, ?> model) {
        if (!(model.backbone() instanceof Backbone b) || !(model.decodeHead() instanceof DecodeHead h)
                || !(h.pixelDecoder() instanceof PixelDecoder p)) {
            throw new IllegalArgumentException("Key-frame inference needs the released Spike2Former architecture");
        }
        this.model = model;
        this.backbone = b;
        this.head = h;
        this.pixels = p;
    }

    /** The network. */
    public Spike2Former<?, ?> model() {
        return model;
    }

    /**
     * What a key frame leaves for the frames after it.
     *
     * @param y8 the FPN output at 1/8 {@code (B, D, H/8, W/8)}
     * @param classLogits the last decoder layer's class logits {@code (B, 1, Q, K + 1)}
     * @param maskEmbeddings the last decoder layer's mask embeddings {@code (B, 1, Q, D)}
     */
    public record Context(NDArray y8, NDArray classLogits, NDArray maskEmbeddings) {}

    /**
     * A key frame's predictions and context.
     *
     * @param output class and mask logits, as {@link Spike2Former#forward} gives them
     * @param context what the next frames reuse
     */
    public record KeyFrame(HeadOutput output, Context context) {}

    /**
     * A key frame: the whole network, as {@link Spike2Former#forward}, keeping the context.
     *
     * @param ctx the pass context
     * @param image normalised RGB {@code (B, 3, H, W)}
     * @param allLayers every decoder prediction (training) or the last only
     * @return predictions {@code (B, L, Q, K + 1)}, {@code (B, L, Q, H/2, W/2)} and the context
     */
    public KeyFrame key(SpikeContext ctx, NDArray image, boolean allLayers) {
        PixelFeatures p = pixels.decode(ctx, backbone.features(ctx, image));
        DecodeHead.Embeddings e = head.embedQueries(ctx, p.memories(), allLayers);
        HeadOutput out = new HeadOutput(e.classLogits(), head.maskLogits(ctx, e.maskEmbeddings(), p.maskFeatures()));
        NDIndex lastLayer = new NDIndex(":, -1:");
        return new KeyFrame(out, new Context(p.memories().get(1), e.classLogits().get(lastLayer),
                e.maskEmbeddings().get(lastLayer)));
    }

    /**
     * A frame that is not a key frame: the finest levels from the frame, the rest from a key frame's context.
     *
     * @param ctx the pass context
     * @param image normalised RGB {@code (B, 3, H, W)}, the size of the key frame's
     * @param context the key frame's context, batch {@code B}
     * @return the context's class logits and fresh mask logits {@code (B, 1, Q, H/2, W/2)}
     */
    public HeadOutput reuse(SpikeContext ctx, NDArray image, Context context) {
        List<NDArray> fine = backbone.fineFeatures(ctx, image);
        NDArray maskFeatures = pixels.maskFeaturesFrom(ctx, fine, context.y8());
        return new HeadOutput(context.classLogits(), head.maskLogits(ctx, context.maskEmbeddings(), maskFeatures));
    }
}
