package io.spikestream.inference.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import io.spikestream.inference.model.HeadOutput;
import io.spikestream.inference.model.MaskHead;
import io.spikestream.inference.model.MultiScaleDecoder;
import io.spikestream.inference.model.PixelFeatures;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.BlockStack;
import io.spikestream.inference.model.nn.Conv1dLayer;
import io.spikestream.inference.model.nn.LinearLayer;
import io.spikestream.inference.model.nn.Named;
import io.spikestream.inference.model.nn.NiLif;
import io.spikestream.inference.model.nn.Scalars;
import io.spikestream.inference.model.nn.Sequence;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.TensorParam;
import java.util.ArrayList;
import java.util.List;

/**
 * The Spike2Former decode head, official {@code decode_head} (mmseg {@code MaskFormerHead} over the custom
 * mmdet {@code MaskFormerHead}): pixel decoder, spike-driven transformer decoder (SDTD) and the spike-driven
 * mask embedding (SDME). Its parameter paths under {@code decode_head} are the official keys.
 *
 * <p>Decoder (T = 1, batch first, C = pixelDim, Q queries). With memories {@code F_l} at 1/16, 1/8, 1/4,
 * {@code X_l = tokens(F_l) + level_embed[l]}, {@code P_l} the sine encoding of level l, and
 * {@code q_0 = query_feat}:
 *
 * <pre>
 *   q_{i+1} = DecoderLayer_i(q_i, query_embed, key = X_l + P_l, value = X_l),   l = i mod 3
 * </pre>
 *
 * <p>SDME on each returned {@code q} (alpha = head alpha, SN the NI-LIF neuron, P the mask features):
 *
 * <pre>
 *   s = sigmoid(q);  a = alpha SN(s)
 *   cls = cls_embed(a)                                                       (B, L, Q, K + 1)
 *   me = alpha SN(mask_embed(a) + w BN_Q(Conv1d_{Q->Q}(alpha SN(s))))        conv mixes the queries
 *   mask = me · P                                                            (B, L, Q, H/2, W/2)
 * </pre>
 *
 * <p>The official head stacks all {@code layers + 1} query sets before the SDME; with
 * {@code allLayers = false} this block feeds only the last one, which in inference gives the same last
 * prediction (every SDME operation acts per query set; BN uses running statistics) and avoids the other
 * mask products. With batch statistics (training) the shortcut BN would see fewer items, so train with
 * {@code allLayers = true}.
 */
public final class DecodeHead extends SpikeBlock implements Named, MaskHead {

    /** Number of memory levels the decoder cycles through (1/16, 1/8, 1/4). */
    public static final int FEATURE_LEVELS = 3;

    private final Spike2FormerConfig config;
    private final MultiScaleDecoder pixelDecoder;
    private final TransformerDecoder transformerDecoder;
    private final BlockStack<ParameterFree> decoderInputProjs;
    private final SinePositionalEncoding decoderPe;
    private final TensorParam queryEmbed;
    private final TensorParam queryFeat;
    private final TensorParam levelEmbed;
    private final ParameterFree decoderPostNorm;
    private final NiLif decoderOutSpike;
    private final LinearLayer clsEmbed;
    private final NiLif maskEmbedSpike;
    private final MaskEmbedMlp maskEmbed;
    private final Parameter w;
    private final NiLif shortcutConvSpike;
    private final Sequence shortcutConv;
    private String path = "decode_head";

    /**
     * Creates the head in the official module order.
     *
     * @param config the architecture
     * @param pixelDecoder the pixel decoder; becomes child {@code pixel_decoder}
     * @param <P> a block that decodes multi-scale features
     */
    public <P extends SpikeBlock & MultiScaleDecoder> DecodeHead(Spike2FormerConfig config, P pixelDecoder) {
        int c = config.pixelDim();
        int q = config.numQueries();
        int d = config.spikeLevels();
        this.config = config;
        addChildBlock("Identity", ParameterFree.identity());
        this.pixelDecoder = addChildBlock("pixel_decoder", pixelDecoder);
        transformerDecoder = addChildBlock("transformer_decoder", new TransformerDecoder(
                config.decoderLayers(), c, config.decoderHeads(), config.decoderFfn(), d));
        decoderInputProjs = addChildBlock("decoder_input_projs", new BlockStack<>(List.of(
                ParameterFree.identity(), ParameterFree.identity(), ParameterFree.identity())));
        decoderPe = addChildBlock("decoder_pe", new SinePositionalEncoding(c / 2));
        queryEmbed = addChildBlock("query_embed", new TensorParam(new NormalInitializer(1f), new Shape(q, c)));
        queryFeat = addChildBlock("query_feat", new TensorParam(new NormalInitializer(1f), new Shape(q, c)));
        levelEmbed = addChildBlock("level_embed",
                new TensorParam(new NormalInitializer(1f), new Shape(FEATURE_LEVELS, c)));
        decoderPostNorm = addChildBlock("decoder_post_norm", ParameterFree.sigmoid());
        decoderOutSpike = addChildBlock("decoder_out_spike", new NiLif(d));
        clsEmbed = addChildBlock("cls_embed", new LinearLayer(c, config.numClasses() + 1, true, true)
                .scaledSpikes(config.headAlpha()));
        maskEmbedSpike = addChildBlock("mask_embed_spike", new NiLif(d));
        maskEmbed = addChildBlock("mask_embed", new MaskEmbedMlp(c, c, config.headAlpha(), d));
        w = addParam("w", Parameter.Type.WEIGHT, new ConstantInitializer(1f), new Shape(1));
        shortcutConvSpike = addChildBlock("shortcut_conv_spike", new NiLif(d));
        shortcutConv = addChildBlock("shortcut_conv",
                new Sequence(
                new Conv1dLayer(q, q, false, true).scaledSpikes(config.headAlpha()), new BatchNormLayer(q)));
    }

    /** The architecture this head was built for. */
    public Spike2FormerConfig config() {
        return config;
    }

    /** The pixel decoder. */
    public MultiScaleDecoder pixelDecoder() {
        return pixelDecoder;
    }

    /** The transformer decoder (SDTD). */
    public TransformerDecoder transformerDecoder() {
        return transformerDecoder;
    }

    @Override
    public void setPath(String path) {
        this.path = path;
    }

    /**
     * Runs pixel decoder, transformer decoder and SDME.
     *
     * @param ctx the pass context
     * @param features backbone features {@code [x1, x2, x3, x4]}
     * @param allLayers true for the initial queries and every layer ({@code L = layers + 1}, deep
     *     supervision), false for the last layer only ({@code L = 1})
     * @return class logits {@code (B, L, Q, K + 1)} and mask logits {@code (B, L, Q, H/2, W/2)}
     */
    @Override
    public HeadOutput predict(SpikeContext ctx, List<NDArray> features, boolean allLayers) {
        PixelFeatures pixels = pixelDecoder.decode(ctx, features);
        Embeddings e = embedQueries(ctx, pixels.memories(), allLayers);
        return new HeadOutput(e.classLogits(), maskLogits(ctx, e.maskEmbeddings(), pixels.maskFeatures()));
    }

    /**
     * The transformer decoder and the SDME embeddings, without the mask product: the part of the head that sees
     * every memory token.
     *
     * @param ctx the pass context
     * @param memories the pixel decoder's memories at 1/16, 1/8 and 1/4
     * @param allLayers true for the initial queries and every layer, false for the last layer only
     * @return class logits {@code (B, L, Q, K + 1)} and mask embeddings {@code (B, L, Q, C)}
     */
    public Embeddings embedQueries(SpikeContext ctx, List<NDArray> memories, boolean allLayers) {
        if (memories.size() != FEATURE_LEVELS) {
            throw new IllegalArgumentException("The pixel decoder must return " + FEATURE_LEVELS
                    + " memories (1/16, 1/8, 1/4), got " + memories.size());
        }
        List<NDArray> outs = decode(ctx, memories, allLayers);
        NDArray stacked = outs.size() == 1 ? outs.get(0).expandDims(1) : NDArrays.stack(new NDList(outs), 1);
        return embed(ctx, stacked);
    }

    /**
     * The transformer decoder and the SDME embeddings of its last layer, without the mask product: the part of
     * the head that sees every memory token.
     *
     * @param ctx the pass context
     * @param memories the pixel decoder's memories at 1/16, 1/8 and 1/4
     * @return class logits {@code (B, 1, Q, K + 1)} and mask embeddings {@code (B, 1, Q, C)}
     */
    public Embeddings embedLastLayer(SpikeContext ctx, List<NDArray> memories) {
        return embedQueries(ctx, memories, false);
    }

    /**
     * What the SDME head gives per query before the mask product.
     *
     * @param classLogits {@code (B, L, Q, K + 1)}
     * @param maskEmbeddings {@code alpha SN(...)}, {@code (B, L, Q, C)}; spikes, so exact to compare
     */
    public record Embeddings(NDArray classLogits, NDArray maskEmbeddings) {}

    /** Runs the decoder layers; returns every query set, or only the last when {@code !allLayers}. */
    private List<NDArray> decode(SpikeContext ctx, List<NDArray> memories, boolean allLayers) {
        NDArray[] values = new NDArray[FEATURE_LEVELS];
        NDArray[] keyPos = new NDArray[FEATURE_LEVELS];
        NDArray levels = levelEmbed.value(ctx);
        for (int i = 0; i < FEATURE_LEVELS; i++) {
            NDArray m = decoderInputProjs.get(i).forward(ctx, memories.get(i));
            values[i] = tokens(m).add(levels.get(i));
            keyPos[i] = decoderPe.tokens(m, (int) m.getShape().get(2), (int) m.getShape().get(3));
        }
        NDArray query = initialQueries(ctx, memories.get(0).getShape().get(0));
        NDArray queryPos = queryEmbed.value(ctx);
        List<NDArray> outs = new ArrayList<>();
        outs.add(query);
        List<DecoderLayer> layers = transformerDecoder.layers();
        for (int i = 0; i < layers.size(); i++) {
            int l = i % FEATURE_LEVELS;
            query = layers.get(i).forward(ctx, query, queryPos, values[l], keyPos[l]);
            outs.add(query);
        }
        return allLayers ? outs : List.of(query);
    }

    /** {@code (B, C, h, w) -> (B, h w, C)}. */
    private NDArray tokens(NDArray map) {
        Shape s = map.getShape();
        if (s.dimension() != 4 || s.get(1) != config.pixelDim()) {
            throw new IllegalArgumentException("Decoder memories must be (B, " + config.pixelDim()
                    + ", h, w), got " + s);
        }
        return map.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
    }

    private NDArray initialQueries(SpikeContext ctx, long batch) {
        NDArray feat = queryFeat.value(ctx);
        return feat.expandDims(0).repeat(0, batch);
    }

    /** The SDME head on {@code (B, L, Q, C)} query sets, up to the mask product. */
    private Embeddings embed(SpikeContext ctx, NDArray queries) {
        float alpha = config.headAlpha();
        NDArray s = decoderPostNorm.forward(ctx, queries);
        NDArray a = Scalars.mul(decoderOutSpike.fire(ctx, s), alpha);
        NDArray cls = clsEmbed.forward(ctx, a);
        NDArray mlp = maskEmbed.forward(ctx, a);
        NDArray me = Scalars.mul(maskEmbedSpike.fire(ctx, mlp.add(shortcut(ctx, s))), alpha);
        return new Embeddings(cls, me);
    }

    /** ME-shortcut: {@code w BN(Conv1d(alpha SN(s)))} over the query axis of each query set. */
    private NDArray shortcut(SpikeContext ctx, NDArray s) {
        Shape sh = s.getShape();
        NDArray x = Scalars.mul(shortcutConvSpike.fire(ctx, s), config.headAlpha())
                .reshape(sh.get(0) * sh.get(1), sh.get(2), sh.get(3));
        return shortcutConv.forward(ctx, x).reshape(sh).mul(ctx.value(w));
    }

    /**
     * The mask product {@code (B, L, Q, C) · (B, C, H, W) -> (B, L, Q, H, W)}: spikes times real values,
     * accumulate-only, and pixel-local in the mask features.
     *
     * @param ctx the pass context
     * @param me mask embeddings {@code (B, L, Q, C)}
     * @param maskFeatures {@code (B, C, H, W)}
     * @return mask logits {@code (B, L, Q, H, W)}
     */
    public NDArray maskLogits(SpikeContext ctx, NDArray me, NDArray maskFeatures) {
        Shape e = me.getShape();
        Shape f = maskFeatures.getShape();
        if (f.dimension() != 4 || f.get(1) != e.get(3)) {
            throw new IllegalArgumentException("Mask features must be (B, " + e.get(3) + ", H, W), got " + f);
        }
        NDArray flat = me.reshape(e.get(0), e.get(1) * e.get(2), e.get(3));
        NDArray logits = flat.matMul(maskFeatures.reshape(f.get(0), f.get(1), f.get(2) * f.get(3)));
        if (ctx.isAccounting()) {
            ctx.accountScaled(path + ".mask_einsum", logits.size() * e.get(3), me, config.headAlpha());
        }
        return logits.reshape(e.get(0), e.get(1), e.get(2), f.get(2), f.get(3));
    }
}
