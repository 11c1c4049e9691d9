package io.spikestream.inference.model.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.nn.ParameterPaths;
import io.spikestream.inference.model.nn.SpikeContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BnAndPadTest {

    private static final float[] WEIGHT = {2f, -0.5f};
    private static final float[] BIAS = {0.3f, 1f};
    private static final float[] MEAN = {1.5f, -2f};
    private static final float[] VAR = {4f, 0.25f};

    private NDManager manager;
    private BnAndPad layer;
    private Map<String, Parameter> params;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager(Device.cpu());
        layer = new BnAndPad(1, 2);
        layer.initialize(manager, DataType.FLOAT32, new Shape(1));
        params = ParameterPaths.of(layer, "");
        set("bn.weight", WEIGHT);
        set("bn.bias", BIAS);
        set("bn.running_mean", MEAN);
        set("bn.running_var", VAR);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private void set(String key, float[] values) {
        params.get(key).getArray().set(new NDIndex(":"), manager.create(values));
    }

    private float[] get(String key) {
        return params.get(key).getArray().toFloatArray();
    }

    private NDArray run(boolean training, NDArray x) {
        return layer.forward(SpikeContext.builder(new ParameterStore(manager, false), Device.cpu())
                .optTraining(training).build(), x);
    }

    private static float bnOfZero(int c, float[] mean, float[] var) {
        return BIAS[c] - mean[c] * WEIGHT[c] / (float) Math.sqrt(var[c] + 1e-5f);
    }

    @Test
    void shouldFillBorderWithBnOfZeroAndNormaliseInteriorWhenInference() {
        NDArray x = manager.randomNormal(new Shape(2, 2, 3, 4));
        NDArray y = run(false, x);
        assertEquals(new Shape(2, 2, 5, 6), y.getShape());
        for (int c = 0; c < 2; c++) {
            assertBorder(y, c, bnOfZero(c, MEAN, VAR));
            float scale = WEIGHT[c] / (float) Math.sqrt(VAR[c] + 1e-5f);
            NDArray expected = x.get(":, {}", c).sub(MEAN[c]).mul(scale).add(BIAS[c]);
            assertEquals(true, y.get(":, {}, 1:4, 1:5", c).allClose(expected, 1e-5, 1e-6, false));
        }
    }

    @Test
    void shouldUseBatchStatisticsInsideAndUpdatedRunningStatisticsOnBorderWhenTraining() {
        NDArray x = manager.randomNormal(new Shape(2, 2, 3, 4)).mul(3).add(1);
        NDArray y = run(true, x);
        float[] mean = get("bn.running_mean");
        float[] var = get("bn.running_var");
        assertFalse(Math.abs(mean[0] - MEAN[0]) < 1e-6);
        for (int c = 0; c < 2; c++) {
            assertBorder(y, c, bnOfZero(c, mean, var));
            NDArray xc = x.get(":, {}", c);
            NDArray centred = xc.sub(xc.mean());
            NDArray expected = centred.div(centred.square().mean().add(1e-5f).sqrt()).mul(WEIGHT[c]).add(BIAS[c]);
            assertEquals(true, y.get(":, {}, 1:4, 1:5", c).allClose(expected, 1e-4, 1e-5, false));
        }
    }

    private static void assertBorder(NDArray y, int c, float value) {
        for (String border : new String[] {":, {}, 0, :", ":, {}, -1, :", ":, {}, :, 0", ":, {}, :, -1"}) {
            float[] v = y.get(border, c).toFloatArray();
            for (float f : v) {
                assertEquals(value, f, 1e-5f, border);
            }
        }
    }
}
