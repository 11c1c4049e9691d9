package io.spikestream.inference.runtime;

import ai.djl.nn.Parameter;
import io.spikestream.inference.model.Spike2Former;
import io.spikestream.inference.model.nn.OpAccounting;
import io.spikestream.inference.model.nn.ParameterPaths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Size and cost of a network for one input size: learnable parameters and multiply-accumulates per
 * component, membrane-state and delta-state size, and (with trained weights and a real image) firing rates and the
 * paper's energy estimate.
 *
 * @param parameters learnable parameters per component (running statistics excluded), in model order
 * @param macs multiply-accumulates per component for one frame
 * @param neuronCalls neuron calls of one forward pass
 * @param stateBytes bytes of the membrane potentials of one pass (per camera, were they carried)
 * @param deltaStateBytes bytes of a camera's {@code DeltaCache} after a key frame ({@code state.mode=delta})
 * @param keyFrameStateBytes bytes of a camera's key-frame context ({@code state.mode=keyframe})
 * @param firings per-neuron firing of the pass
 * @param energyMillijoules energy estimate per frame
 * @param meanFiringRate mean normalised firing rate over all neurons
 */
public record ModelReport(Map<String, Long> parameters, Map<String, Long> macs, int neuronCalls, long stateBytes,
        long deltaStateBytes, long keyFrameStateBytes, List<OpAccounting.Firing> firings, double energyMillijoules, double meanFiringRate) {

    /** Components reported separately, by parameter-path prefix; everything else is "other". */
    public static final String[][] COMPONENTS = {
        {"backbone", "backbone."},
        {"pixel decoder", "decode_head.pixel_decoder."},
        {"transformer decoder", "decode_head.transformer_decoder."},
        {"head (queries, class, mask embedding)", "decode_head."},
    };

    /** Total learnable parameters. */
    public long totalParameters() {
        return parameters.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Total multiply-accumulates per frame. */
    public long totalMacs() {
        return macs.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Counts learnable parameters per component.
     *
     * @param model the network
     * @return component to count
     */
    public static Map<String, Long> countParameters(Spike2Former<?, ?> model) {
        Map<String, Long> counts = emptyCounts();
        for (Map.Entry<String, Parameter> e : ParameterPaths.of(model, "").entrySet()) {
            Parameter.Type t = e.getValue().getType();
            if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) {
                counts.merge(component(e.getKey()), e.getValue().getShape().size(), Long::sum);
            }
        }
        return counts;
    }

    /**
     * Sums multiply-accumulates per component.
     *
     * @param accounting one pass
     * @param batch frames in the pass
     * @return component to MACs per frame
     */
    public static Map<String, Long> macsPerComponent(OpAccounting accounting, int batch) {
        Map<String, Long> macs = emptyCounts();
        for (OpAccounting.Op op : accounting.ops()) {
            macs.merge(component(op.path()), op.macs() / batch, Long::sum);
        }
        return macs;
    }

    /**
     * The component of a path.
     *
     * @param path a parameter or operation path
     * @return the component's name
     */
    public static String component(String path) {
        for (String[] c : COMPONENTS) {
            if (path.startsWith(c[1])) {
                return c[0];
            }
        }
        return "other";
    }

    private static Map<String, Long> emptyCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String[] c : COMPONENTS) {
            m.put(c[0], 0L);
        }
        return m;
    }
}
