package io.spikestream.inference.model.pixel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.MultiScaleDecoder;
import io.spikestream.inference.model.PixelFeatures;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.BlockStack;
import io.spikestream.inference.model.nn.Conv2dLayer;
import io.spikestream.inference.model.nn.NiLif;
import io.spikestream.inference.model.nn.Sequence;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.ops.Bilinear;
import java.util.ArrayList;
import java.util.List;

/**
 * The Spike2Former pixel decoder, official {@code DCNTransformerEncoderPixelDecoder}
 * ({@code mmdet/models/layers/pixel_decoder.py}): a spike-driven deformable encoder (SDTE) on the 1/16
 * map followed by a spiking FPN. With features {@code x1..x4} of widths {@code C1..C4} and {@code D =
 * config.pixelDim()}:
 *
 * <pre>
 *   q     = BN(conv1x1(SN(x4)))                   last_feat_conv_spike, encoder_in_proj; to (B, h, w, D)
 *   m     = SDTE(q)                               encoder; back to (B, D, h, w)
 *   y16   = BN(conv1x1(SN(m)))                    encoder_out_proj_spike, encoder_out_proj
 *   for i = 2, 1, 0 (x3, x2, x1):
 *     y   = BN(conv1x1(SN(x_i))) + bilinear(y)    lateral_convs_spike[i], lateral_convs[i]
 *     y   = BN(dw3x3(SN(y)))                      output_convs_spike[i], output_convs[i]
 *   mask  = conv1x1(SN(y2))                       mask_feature_spike, mask_feature (bias, no BN)
 * </pre>
 *
 * <p>It returns the mask features {@code (B, D, H/2, W/2)} and the memories {@code [y16, y8, y4]}, the
 * order in which the transformer decoder cycles through levels. The child tree mirrors the official
 * one, so parameter paths are the official keys under {@code decode_head.pixel_decoder}. As in the
 * official class, {@code encoder_in_proj_spike} is constructed but never called (x4 is spiked by
 * {@code last_feat_conv_spike}, inherited from the base {@code PixelDecoder}); the base class's
 * {@code last_feat_conv} is set to {@code None} and the parameter-free {@code positional_encoding} is
 * unused, so neither appears here.
 */
public final class PixelDecoder extends SpikeBlock implements MultiScaleDecoder {

    /** Pixels of its inputs one output pixel of {@link #fuse} depends on, each side (depthwise 3x3). */
    public static final int FUSE_RADIUS = 1;

    private static final int INPUTS = 4;

    private final int dim;
    private final BlockStack<Sequence> lateralConvs;
    private final BlockStack<NiLif> lateralConvsSpike;
    private final BlockStack<Sequence> outputConvs;
    private final BlockStack<NiLif> outputConvsSpike;
    private final NiLif lastFeatConvSpike;
    private final NiLif maskFeatureSpike;
    private final Conv2dLayer maskFeature;
    private final DeformableEncoder encoder;
    private final Sequence encoderInProj;
    private final NiLif encoderOutProjSpike;
    private final Sequence encoderOutProj;

    /**
     * Builds the decoder for a configuration.
     *
     * @param config uses embedDims (input widths), pixelDim, the encoder settings and spikeLevels
     */
    public PixelDecoder(Spike2FormerConfig config) {
        dim = config.pixelDim();
        int levels = config.spikeLevels();
        int[] in = inChannels(config);
        List<Sequence> lateral = new ArrayList<>();
        List<Sequence> output = new ArrayList<>();
        for (int i = 0; i < INPUTS - 1; i++) {
            lateral.add(convBn(Conv2dLayer.builder(in[i], dim, 1).build()));
            output.add(SepConvSpike.convBn(Conv2dLayer.builder(dim, dim, 3).optPadding(1).optGroups(dim), dim));
        }
        lateralConvs = addChildBlock("lateral_convs", new BlockStack<>(lateral));
        lateralConvsSpike = addChildBlock("lateral_convs_spike", neurons(INPUTS - 1, levels));
        outputConvs = addChildBlock("output_convs", new BlockStack<>(output));
        outputConvsSpike = addChildBlock("output_convs_spike", neurons(INPUTS - 1, levels));
        lastFeatConvSpike = addChildBlock("last_feat_conv_spike", new NiLif(levels));
        maskFeatureSpike = addChildBlock("mask_feature_spike", new NiLif(levels));
        maskFeature = addChildBlock("mask_feature", Conv2dLayer.builder(dim, dim, 1).build());
        encoder = addChildBlock("encoder", new DeformableEncoder(config));
        addChildBlock("encoder_in_proj_spike", new NiLif(levels));
        encoderInProj = addChildBlock("encoder_in_proj",
                convBn(Conv2dLayer.builder(in[INPUTS - 1], dim, 1).build()));
        encoderOutProjSpike = addChildBlock("encoder_out_proj_spike", new NiLif(levels));
        encoderOutProj = addChildBlock("encoder_out_proj", convBn(Conv2dLayer.builder(dim, dim, 1).build()));
    }

    /**
     * Widths of the backbone features, the official {@code in_channels} ({@code [32, 64, 128, 360]} for
     * the 15M backbone).
     *
     * @param config the configuration
     * @return {@code [C0 / 2, C0, C1, C3]} of {@code config.embedDims()}
     */
    public static int[] inChannels(Spike2FormerConfig config) {
        int[] e = config.embedDims();
        return new int[] {config.stemDim(), e[0], e[1], e[3]};
    }

    private static Sequence convBn(Conv2dLayer conv) {
        return new Sequence(conv, new BatchNormLayer(conv.outChannels()));
    }

    private static BlockStack<NiLif> neurons(int n, int levels) {
        List<NiLif> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new NiLif(levels));
        }
        return new BlockStack<>(list);
    }

    /** The deformable encoder. */
    public DeformableEncoder encoder() {
        return encoder;
    }

    /**
     * Decodes.
     *
     * @param ctx the pass context
     * @param features {@code [x1 (B, C1, H/2, W/2), x2 (B, C2, H/4, W/4), x3 (B, C3, H/8, W/8),
     *     x4 (B, C4, H/16, W/16)]}, real-valued
     * @return mask features {@code (B, D, H/2, W/2)} and memories {@code [(B, D, H/16, W/16),
     *     (B, D, H/8, W/8), (B, D, H/4, W/4)]}
     */
    @Override
    public PixelFeatures decode(SpikeContext ctx, List<NDArray> features) {
        if (features.size() != INPUTS) {
            throw new IllegalArgumentException(
                    "Pixel decoder needs " + INPUTS + " feature maps [x1..x4], got " + features.size());
        }
        List<NDArray> outs = new ArrayList<>();
        NDArray y = encode(ctx, features.get(INPUTS - 1));
        outs.add(y);
        y = topDown(ctx, features, INPUTS - 2, y, outs);
        return new PixelFeatures(maskFeatures(ctx, y), List.copyOf(outs.subList(0, INPUTS - 1)));
    }

    /**
     * The mask features from the two finest backbone levels and a given 1/8 FPN output: the FPN steps at 1/4 and
     * 1/2 and the mask feature projection, as {@link #decode} runs them.
     *
     * @param ctx the pass context
     * @param fine {@code [x1 (B, C1, H/2, W/2), x2 (B, C2, H/4, W/4)]}
     * @param y8 the 1/8 FPN output {@code (B, D, H/8, W/8)}, e.g. a key frame's
     * @return mask features {@code (B, D, H/2, W/2)}
     */
    public NDArray maskFeaturesFrom(SpikeContext ctx, List<NDArray> fine, NDArray y8) {
        return maskFeatures(ctx, topDown(ctx, fine, 1, y8, new ArrayList<>()));
    }

    /** FPN steps from level {@code from} down to 1/2, starting from the coarser output {@code y}; each output is added to {@code outs}. */
    private NDArray topDown(SpikeContext ctx, List<NDArray> features, int from, NDArray y, List<NDArray> outs) {
        NDArray out = y;
        for (int i = from; i >= 0; i--) {
            NDArray x = features.get(i);
            out = fuse(ctx, i, x, Bilinear.resize(out, x.getShape().get(2), x.getShape().get(3)));
            outs.add(out);
        }
        return out;
    }

    /**
     * The encoder part, global (deformable sampling): x4 through projection, SDTE and output projection.
     *
     * @param ctx the pass context
     * @param x4 {@code (B, C4, h, w)}
     * @return y16 {@code (B, D, h, w)}
     */
    public NDArray encode(SpikeContext ctx, NDArray x4) {
        NDArray q = encoderInProj.forward(ctx, lastFeatConvSpike.fire(ctx, x4)).transpose(0, 2, 3, 1);
        NDArray memory = encoder.forward(ctx, q).transpose(0, 3, 1, 2);
        return encoderOutProj.forward(ctx, encoderOutProjSpike.fire(ctx, memory));
    }

    /**
     * One top-down FPN step at level i, local (radius {@value #FUSE_RADIUS} pixel): lateral of x_i plus the
     * coarser output already enlarged to x_i's size, then the depthwise 3x3 output convolution.
     *
     * @param ctx the pass context
     * @param i level: 2 for x3 (1/8), 1 for x2 (1/4), 0 for x1 (1/2)
     * @param x backbone feature {@code (B, C_i, h, w)}
     * @param coarserUpsampled the coarser FPN output resized (bilinear) to {@code (B, D, h, w)}
     * @return {@code (B, D, h, w)}
     */
    public NDArray fuse(SpikeContext ctx, int i, NDArray x, NDArray coarserUpsampled) {
        NDArray cur = lateralConvs.get(i).forward(ctx, lateralConvsSpike.get(i).fire(ctx, x));
        NDArray y = cur.add(coarserUpsampled);
        return outputConvs.get(i).forward(ctx, outputConvsSpike.get(i).fire(ctx, y));
    }

    /**
     * The mask features, pixel-local: {@code conv1x1(SN(y2))}.
     *
     * @param ctx the pass context
     * @param y2 the finest FPN output {@code (B, D, H/2, W/2)}
     * @return {@code (B, D, H/2, W/2)}
     */
    public NDArray maskFeatures(SpikeContext ctx, NDArray y2) {
        return maskFeature.forward(ctx, maskFeatureSpike.fire(ctx, y2));
    }

    /** Width D of the memories and mask features. */
    public int dim() {
        return dim;
    }
}
