package io.spikestream.inference.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.ConstantInitializer;
import io.spikestream.inference.model.MultiScaleDecoder;
import io.spikestream.inference.model.PixelFeatures;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.TensorParam;
import java.util.List;

/** A stand-in pixel decoder returning fixed random features; one parameter to check the path prefix. */
final class FakePixelDecoder extends SpikeBlock implements MultiScaleDecoder {

    private final PixelFeatures fixed;

    /**
     * Draws the features once.
     *
     * @param m owner of the arrays
     * @param batch B
     * @param dim C
     * @param size input size; memories at size/16, /8, /4, mask features at size/2
     */
    FakePixelDecoder(NDManager m, int batch, int dim, int size) {
        addChildBlock("dummy", new TensorParam(new ConstantInitializer(0f), new Shape(2)));
        m.getEngine().setRandomSeed(7);
        NDArray mask = m.randomNormal(new Shape(batch, dim, size / 2, size / 2));
        List<NDArray> memories = List.of(
                m.randomNormal(new Shape(batch, dim, size / 16, size / 16)),
                m.randomNormal(new Shape(batch, dim, size / 8, size / 8)),
                m.randomNormal(new Shape(batch, dim, size / 4, size / 4)));
        fixed = new PixelFeatures(mask, memories);
    }

    @Override
    public PixelFeatures decode(SpikeContext ctx, List<NDArray> features) {
        return fixed;
    }
}
