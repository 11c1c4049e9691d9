package io.spikestream.inference.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.FeatureExtractor;
import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.nn.BlockStack;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The Spike2Former backbone, Meta-SpikeFormer ({@code Spiking_vit_MetaFormer}, BICLab/Spike2Former
 * {@code Segmentation/mmseg/models/backbones/sdtv2.py}; Lei et al., AAAI 2025, arXiv:2412.14587), with
 * widths {@code C0..C3 = embedDims}:
 *
 * <pre>
 *   x  = downsample1_1(image)            stem 7x7 s2, (B, C0/2, H/2, W/2)
 *   x1 = ConvBlock1_1(x)
 *   x  = downsample1_2(x1)               (B, C0, H/4, W/4)
 *   x2 = ConvBlock1_2(x)
 *   x  = downsample2(x2)                 (B, C1, H/8, W/8)
 *   x3 = ConvBlock2_2(ConvBlock2_1(x))
 *   x  = block3(downsample3(x3))         (B, C2, H/16, W/16), stage3Blocks MS_Blocks
 *   x4 = block4(downsample4(x))          (B, C3, H/16, W/16), stride 1, stage4Blocks MS_Blocks
 * </pre>
 *
 * <p>The outputs are real-valued membrane-shortcut streams, as the official forward returns them with
 * {@code decode_mode='Qsnn'} (the released segmentation configs, T = 1). Children are named as the
 * official attributes; the {@code ConvBlock*} lists and {@code block3/4} are ModuleLists. The official
 * constructor builds nothing unused (no classifier head), so the tree holds exactly its state_dict.
 */
public final class Backbone extends SpikeBlock implements FeatureExtractor {

    private static final int IMAGE_CHANNELS = 3;

    private final MsDownSampling downsample11;
    private final BlockStack<MsConvBlock> convBlock11;
    private final MsDownSampling downsample12;
    private final BlockStack<MsConvBlock> convBlock12;
    private final MsDownSampling downsample2;
    private final BlockStack<MsConvBlock> convBlock21;
    private final BlockStack<MsConvBlock> convBlock22;
    private final MsDownSampling downsample3;
    private final BlockStack<MsBlock> block3;
    private final MsDownSampling downsample4;
    private final BlockStack<MsBlock> block4;

    /**
     * Builds the backbone.
     *
     * @param config uses embedDims, backboneHeads, mlpRatio, stage3Blocks, stage4Blocks, spikeLevels
     */
    public Backbone(Spike2FormerConfig config) {
        int[] dims = config.embedDims();
        int r = config.mlpRatio();
        int d = config.spikeLevels();
        downsample11 = addChildBlock("downsample1_1", MsDownSampling.stem(IMAGE_CHANNELS, dims[0] / 2));
        convBlock11 = addChildBlock("ConvBlock1_1", convBlocks(dims[0] / 2, r, d));
        downsample12 = addChildBlock("downsample1_2", MsDownSampling.spiking(dims[0] / 2, dims[0], 2, d));
        convBlock12 = addChildBlock("ConvBlock1_2", convBlocks(dims[0], r, d));
        downsample2 = addChildBlock("downsample2", MsDownSampling.spiking(dims[0], dims[1], 2, d));
        convBlock21 = addChildBlock("ConvBlock2_1", convBlocks(dims[1], r, d));
        convBlock22 = addChildBlock("ConvBlock2_2", convBlocks(dims[1], r, d));
        downsample3 = addChildBlock("downsample3", MsDownSampling.spiking(dims[1], dims[2], 2, d));
        block3 = addChildBlock("block3", msBlocks(config.stage3Blocks(), dims[2], config));
        downsample4 = addChildBlock("downsample4", MsDownSampling.spiking(dims[2], dims[3], 1, d));
        block4 = addChildBlock("block4", msBlocks(config.stage4Blocks(), dims[3], config));
    }

    private static BlockStack<MsConvBlock> convBlocks(int dim, int mlpRatio, int levels) {
        return new BlockStack<>(List.of(new MsConvBlock(dim, mlpRatio, levels)));
    }

    private static BlockStack<MsBlock> msBlocks(int count, int dim, Spike2FormerConfig c) {
        List<MsBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(new MsBlock(dim, c.backboneHeads(), c.mlpRatio(), c.spikeLevels()));
        }
        return new BlockStack<>(blocks);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the image is not {@code (B, 3, H, W)}
     */
    @Override
    public List<NDArray> features(SpikeContext ctx, NDArray image) {
        Shape s = image.getShape();
        if (s.dimension() != 4 || s.get(1) != IMAGE_CHANNELS) {
            throw new IllegalArgumentException("The backbone takes a (B, 3, H, W) image, got " + s);
        }
        List<NDArray> fine = fineFeatures(ctx, image);
        NDArray x3 = run(convBlock22, ctx, run(convBlock21, ctx, downsample2.forward(ctx, fine.get(1))));
        return List.of(fine.get(0), fine.get(1), x3, attentionStages(ctx, x3));
    }

    /**
     * The two finest levels only, as {@link #features} computes them: what a frame that reuses a key frame's
     * context recomputes.
     *
     * @param ctx the pass context
     * @param image normalised RGB image {@code (B, 3, H, W)}
     * @return {@code [x1 (B, C0, H/2, W/2), x2 (B, C1, H/4, W/4)]}
     */
    public List<NDArray> fineFeatures(SpikeContext ctx, NDArray image) {
        NDArray x1 = run(convBlock11, ctx, downsample11.forward(ctx, image));
        return List.of(x1, run(convBlock12, ctx, downsample12.forward(ctx, x1)));
    }

    /** The stem, {@code downsample1_1} (7x7, stride 2, on the image). */
    public MsDownSampling stem() {
        return downsample11;
    }

    /**
     * The convolutional stages before the 1/16 level, in call order: for each of the 1/2, 1/4 and 1/8
     * levels the downsampling that enters it (null for 1/2, entered by {@link #stem()}) and its
     * {@link MsConvBlock}s.
     *
     * @return three levels
     */
    public List<ConvLevel> convLevels() {
        return List.of(new ConvLevel(null, convBlock11.blocks()),
                new ConvLevel(downsample12, convBlock12.blocks()),
                new ConvLevel(downsample2, List.of(convBlock21.get(0), convBlock22.get(0))));
    }

    /**
     * The 1/16 part: {@code block4(downsample4(block3(downsample3(x3))))}, global (spiking self-attention).
     *
     * @param ctx the pass context
     * @param x3 the 1/8 feature {@code (B, C1, H/8, W/8)}
     * @return x4 {@code (B, C3, H/16, W/16)}
     */
    public NDArray attentionStages(SpikeContext ctx, NDArray x3) {
        return run(block4, ctx, downsample4.forward(ctx, run(block3, ctx, downsample3.forward(ctx, x3))));
    }

    /**
     * One convolutional level.
     *
     * @param entry the stride-2 downsampling into the level, or null for the first level
     * @param blocks the level's blocks in order
     */
    public record ConvLevel(MsDownSampling entry, List<MsConvBlock> blocks) {}

    private static <T extends SpikeBlock & UnaryBlock> NDArray run(BlockStack<T> stack, SpikeContext ctx, NDArray x) {
        NDArray y = x;
        for (T block : stack.blocks()) {
            y = block.forward(ctx, y);
        }
        return y;
    }
}
