package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * Base of every Spike2Former block.
 *
 * <p>Two rules make the port work:
 *
 * <ul>
 *   <li>Parameter shapes are known at construction, so initialisation needs no shape inference and
 *       a block can be initialised with any input shape.
 *   <li>The child tree mirrors the official PyTorch module tree: a child is added under the
 *       attribute name the official code uses, and parameters carry PyTorch's names ({@code weight},
 *       {@code bias}, {@code running_mean}, {@code running_var}). {@link ParameterPaths} then yields
 *       exactly the official {@code state_dict} keys.
 * </ul>
 *
 * <p>Blocks compute through typed methods that take a {@link SpikeContext}, which carries the
 * parameter store, the membrane state and the operation accounting. The generic DJL entry point
 * {@link #forward(ParameterStore, NDList, boolean, PairList)} is supported only by blocks that
 * override {@link #forwardInternal}.
 */
public abstract class SpikeBlock extends AbstractBlock {

    /** Version written with saved parameters. */
    protected static final byte VERSION = 1;

    protected SpikeBlock() {
        super(VERSION);
    }

    /**
     * Adds a learnable parameter with a fixed shape.
     *
     * @param name PyTorch's name for it
     * @param type DJL parameter type (decides the default initialiser and whether it is trained)
     * @param initializer initialiser, or null for the type's default
     * @param shape the shape
     * @return the parameter
     */
    protected final Parameter addParam(String name, Parameter.Type type, Initializer initializer, Shape shape) {
        Parameter.Builder b = Parameter.builder().setName(name).setType(type).optShape(shape);
        if (initializer != null) {
            b.optInitializer(initializer);
        }
        if (type == Parameter.Type.RUNNING_MEAN || type == Parameter.Type.RUNNING_VAR) {
            b.optRequiresGrad(false);
        }
        return addParameter(b.build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " computes shapes at run time; call it through its typed method");
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " is called through its typed method with a SpikeContext");
    }
}
