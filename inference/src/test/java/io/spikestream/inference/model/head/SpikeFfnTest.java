package io.spikestream.inference.model.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.ParameterPaths;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpikeFfnTest {

    /**
     * C = 2, N = 3, D = 1, fc1 swaps its two channels, fc2 is the identity, biases 0, BNs at their defaults.
     * The official reshape reads x (N, C) = [[a, b], [c, d], [e, f]] as (C, N) rows [a, b, c] and [d, e, f];
     * after the swap and the reshape back the output is [[d, e], [f, a], [b, c]] (a transpose would give
     * [[b, a], [d, c], [f, e]]).
     */
    @Test
    void shouldReinterpretTokensAsChannelsWhenReshapingLikeOfficialCode() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            SpikeFfn ffn = new SpikeFfn(2, 2, 1);
            ffn.initialize(m, DataType.FLOAT32, new Shape(1));
            Map<String, Parameter> p = ParameterPaths.of(ffn, "");
            p.get("fc1.weight").getArray().set(new float[] {0, 1, 1, 0});
            p.get("fc2.weight").getArray().set(new float[] {1, 0, 0, 1});
            p.get("fc1.bias").getArray().set(new float[] {0, 0});
            p.get("fc2.bias").getArray().set(new float[] {0, 0});
            NDArray x = m.create(new float[] {1, 0, 0, 1, 1, 1}, new Shape(1, 3, 2)); // a..f
            SpikeContext ctx = SpikeContext.builder(new ParameterStore(m, false), Device.cpu()).build();
            float bn = (float) (1 / Math.sqrt(1 + BatchNormLayer.EPS));
            float[] expected = {bn, bn, bn, bn, 0, 0}; // [[d, e], [f, a], [b, c]]
            assertArrayEquals(expected, ffn.forward(ctx, x).toFloatArray(), 1e-6f);
        }
    }
}
