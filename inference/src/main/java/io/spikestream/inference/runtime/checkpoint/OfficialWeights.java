package io.spikestream.inference.runtime.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.spikestream.inference.model.nn.ParameterPaths;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Copies official state_dict tensors into a block tree whose {@link ParameterPaths} equal the official
 * keys.
 *
 * <p>All-or-nothing: every checkpoint key (under the prefix) must name one of the tree's parameters with
 * the same shape, and every parameter must be present; {@code num_batches_tracked} is recognised and
 * skipped. Otherwise a {@link WeightMappingException} lists every unmapped, missing and mismatched key
 * with shapes, and nothing is copied. Values go into the existing parameter arrays, so they stay on the
 * model's device.
 */
public final class OfficialWeights {

    private static final String BATCHES_TRACKED = "num_batches_tracked";

    private OfficialWeights() {}

    /**
     * Loads the weights.
     *
     * @param root an initialised block tree
     * @param prefix path prefix of {@code root} (e.g. {@code "backbone"}, or empty); when not empty, only
     *     checkpoint keys under {@code prefix.} are considered
     * @param weights the checkpoint tensors by key
     * @return the number of tensors copied
     * @throws WeightMappingException if keys or shapes do not match
     * @throws IllegalStateException if a parameter is not initialised or not float32
     */
    public static int load(Block root, String prefix, Map<String, TensorData> weights) {
        Map<String, Parameter> params = ParameterPaths.of(root, prefix);
        List<String> problems = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (TensorData t : weights.values()) {
            if (isSkipped(t.name(), prefix)) {
                continue;
            }
            Parameter p = params.get(t.name());
            if (p == null) {
                problems.add("unmapped " + t.name() + " " + Arrays.toString(t.shape()));
                continue;
            }
            seen.add(t.name());
            Shape shape = arrayOf(p, t.name()).getShape();
            if (!Arrays.equals(shape.getShape(), t.shape())) {
                problems.add("shape " + t.name() + " checkpoint " + Arrays.toString(t.shape())
                        + " model " + Arrays.toString(shape.getShape()));
            }
        }
        params.forEach((path, p) -> {
            if (!seen.contains(path)) {
                problems.add("missing " + path + " " + Arrays.toString(arrayOf(p, path).getShape().getShape()));
            }
        });
        if (!problems.isEmpty()) {
            throw new WeightMappingException(problems);
        }
        seen.forEach(key -> copy(weights.get(key), params.get(key)));
        return seen.size();
    }

    private static boolean isSkipped(String key, String prefix) {
        boolean outside = !prefix.isEmpty() && !key.startsWith(prefix + ".");
        return outside || key.equals(BATCHES_TRACKED) || key.endsWith("." + BATCHES_TRACKED);
    }

    private static NDArray arrayOf(Parameter p, String path) {
        if (!p.isInitialized()) {
            throw new IllegalStateException("Parameter " + path + " is not initialised; initialise the model first");
        }
        return p.getArray();
    }

    private static void copy(TensorData t, Parameter p) {
        NDArray array = p.getArray();
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("Parameter " + t.name() + " is " + array.getDataType()
                    + "; only float32 models can be loaded");
        }
        array.set(FloatBuffer.wrap(t.toFloatArray()));
    }

    /** Lists every key that could not be mapped, one per line. */
    public static final class WeightMappingException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final List<String> problems;

        WeightMappingException(List<String> problems) {
            super(problems.size() + " checkpoint/model mismatch(es):\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        /** Each problem as {@code unmapped|missing|shape <key> ...}. */
        public List<String> problems() {
            return problems;
        }
    }
}
