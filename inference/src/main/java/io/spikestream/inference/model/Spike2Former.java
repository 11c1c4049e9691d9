package io.spikestream.inference.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.spikestream.inference.model.backbone.Backbone;
import io.spikestream.inference.model.head.DecodeHead;
import io.spikestream.inference.model.nn.BatchNormFolding;
import io.spikestream.inference.model.nn.ParameterPaths;
import io.spikestream.inference.model.pixel.PixelDecoder;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;

/**
 * Spike2Former (Lei et al., AAAI 2025, arXiv:2412.14587) as released in BICLab/Spike2Former: the
 * Meta-SpikeFormer backbone ({@code backbone.*}) and the mask-classification decode head with its
 * spiking pixel decoder, transformer decoder and SDME head ({@code decode_head.*}).
 *
 * <p>Membrane state is data, as the hidden state of DJL's LSTM: through {@link #forwardInternal} the
 * inputs are {@code [image, potential_0, ..., potential_n]} (no potentials for a fresh state) and the
 * outputs {@code [classLogits, maskLogits, potential_0', ..., potential_n']}. The typed
 * {@link #forward(SpikeContext, NDArray, boolean)} does the same through a {@link SpikeContext}.
 *
 * @param <B> the backbone type
 * @param <H> the decode head type
 */
public final class Spike2Former<B extends SpikeBlock & FeatureExtractor, H extends SpikeBlock & MaskHead>
        extends SpikeBlock {

    private final Spike2FormerConfig config;
    private final B backbone;
    private final H decodeHead;
    private boolean foldedForInference;

    /**
     * Assembles a network from its two halves.
     *
     * @param config the hyper-parameters both halves were built with
     * @param backbone the backbone, registered as {@code backbone}
     * @param decodeHead the decode head, registered as {@code decode_head}
     */
    public Spike2Former(Spike2FormerConfig config, B backbone, H decodeHead) {
        this.config = config;
        this.backbone = addChildBlock("backbone", backbone);
        this.decodeHead = addChildBlock("decode_head", decodeHead);
        ParameterPaths.assignPaths(this, "");
    }

    /**
     * Builds the released architecture for a configuration (parameters not yet initialised).
     *
     * @param config the hyper-parameters
     * @return the network
     */
    public static Spike2Former<Backbone, DecodeHead> create(Spike2FormerConfig config) {
        return new Spike2Former<>(config, new Backbone(config), new DecodeHead(config, new PixelDecoder(config)));
    }

    /**
     * Folds every BatchNorm that follows a convolution into it ({@link BatchNormFolding}), once, after the weights are
     * loaded: fewer passes over the feature maps per frame, the same network up to float rounding. The model can
     * then only run inference, and its parameters are no longer the checkpoint's.
     *
     * @return how many BatchNorms were folded (0 when already folded)
     */
    public int foldBatchNormsForInference() {
        if (foldedForInference) {
            return 0;
        }
        foldedForInference = true;
        return BatchNormFolding.fold(this);
    }

    /** Whether {@link #foldBatchNormsForInference()} ran: the parameters are then not the checkpoint's. */
    public boolean isFoldedForInference() {
        return foldedForInference;
    }

    /** The hyper-parameters. */
    public Spike2FormerConfig config() {
        return config;
    }

    /** The backbone. */
    public B backbone() {
        return backbone;
    }

    /** The decode head. */
    public H decodeHead() {
        return decodeHead;
    }

    /**
     * Runs the network.
     *
     * @param ctx the pass context (state in and out, training flag, accounting)
     * @param image normalised RGB image {@code (B, 3, H, W)}
     * @param allLayers true for every decoder prediction (training), false for the last only
     * @return class logits {@code (B, L, Q, K+1)} and mask logits {@code (B, L, Q, H/2, W/2)}
     */
    public HeadOutput forward(SpikeContext ctx, NDArray image, boolean allLayers) {
        return decodeHead.predict(ctx, backbone.features(ctx, image), allLayers);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray image = inputs.head();
        MembraneState state = inputs.size() > 1 ? new MembraneState(inputs.subNDList(1)) : null;
        SpikeContext ctx = SpikeContext.builder(store, image.getDevice())
                .optTraining(training).optState(state).optCaptureState(true).build();
        HeadOutput out = forward(ctx, image, training);
        NDList result = new NDList(out.classLogits(), out.maskLogits());
        MembraneState carried = ctx.finish();
        for (int i = 0; i < carried.neuronCount(); i++) {
            result.add(carried.potential(i));
        }
        return result;
    }
}
