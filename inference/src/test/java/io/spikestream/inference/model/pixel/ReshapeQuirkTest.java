package io.spikestream.inference.model.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.nn.ParameterPaths;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.Map;
import io.spikestream.inference.testing.CpuTest;
import org.junit.jupiter.api.Test;

/** The official reshape-instead-of-permute quirks, checked on blocks with hand-set parameters. */
class ReshapeQuirkTest extends CpuTest {


    private Map<String, Parameter> init(SpikeBlock block) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1));
        return ParameterPaths.of(block, "");
    }

    private SpikeContext context() {
        return SpikeContext.builder(new ParameterStore(manager, false), Device.cpu()).build();
    }

    private static float[] ramp(int n) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    @Test
    void shouldReshapeOffsetAndMaskBuffersWithoutPermuteWhenMapHasTwoPixels() {
        SpikingDcn dcn = new SpikingDcn(4, 2, 3, 2, 8);
        Map<String, Parameter> p = init(dcn);
        // zero convs: channel c of the NCHW offset / mask output is the BN shift, here c, at every pixel
        p.get("offset.1.bias").getArray().set(ramp(36));
        p.get("mask.1.bias").getArray().set(ramp(18));
        NDArray[] om = dcn.offsetAndMask(context(), manager.ones(new Shape(1, 1, 2, 4)));
        assertEquals(new Shape(1, 1, 2, 36), om[0].getShape());
        float[] offsets = om[0].toFloatArray();
        float[] masks = om[1].toFloatArray();
        for (int k = 0; k < 36; k++) {
            // buffer (36 channels x 2 pixels) read as (2 pixels x 36): entry k of pixel 0 is channel k / 2
            assertEquals(k / 2, offsets[k], 1e-4f, "pixel 0 offset " + k);
            assertEquals(18 + k / 2, offsets[36 + k], 1e-4f, "pixel 1 offset " + k);
        }
        for (int k = 0; k < 18; k++) {
            assertEquals(Math.min(k / 2, 8) / 8f, masks[k], 1e-6f, "pixel 0 mask " + k);
            assertEquals(1f, masks[18 + k], 1e-6f, "pixel 1 mask " + k);
        }
    }

    @Test
    void shouldReshapeMlpOutputWithoutTransposeWhenChannelsMixWithPixels() {
        ChannelMlp mlp = new ChannelMlp(2, 2, 8);
        Map<String, Parameter> p = init(mlp);
        // 8 * identity and no bias: integer inputs in [0, 8] pass both neurons and convs unchanged
        p.get("fc1_conv.weight").getArray().set(new float[] {8, 0, 0, 8});
        p.get("fc2_conv.weight").getArray().set(new float[] {8, 0, 0, 8});
        p.get("fc1_conv.bias").getArray().set(new float[] {0, 0});
        p.get("fc2_conv.bias").getArray().set(new float[] {0, 0});
        // x (1, H=1, W=3, C=2): pixel j holds (j, 4 + j)
        NDArray x = manager.create(new float[] {0, 4, 1, 5, 2, 6}, new Shape(1, 1, 3, 2));
        NDArray y = mlp.forward(context(), x);
        // result (1, C, N) = [[0, 1, 2], [4, 5, 6]] reshaped row-major to (1, 1, 3, 2)
        assertArrayEquals(new float[] {0, 1, 2, 4, 5, 6}, y.toFloatArray(), 1e-4f);
    }
}
