package io.spikestream.inference.model.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Dotted paths of a block tree in PyTorch's {@code state_dict} form.
 *
 * <p>DJL stores a child as {@code "%02d" + name}; this class strips that ordinal so the path of a
 * parameter is the chain of attribute names, e.g. {@code backbone.block3.0.attn.q_conv.1.weight}.
 */
public final class ParameterPaths {

    private ParameterPaths() {}

    /**
     * Lists every parameter under its dotted path, in tree order.
     *
     * @param root the root block
     * @param prefix prefix for all paths (empty for none)
     * @return path to parameter
     */
    public static Map<String, Parameter> of(Block root, String prefix) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect(root, prefix, out);
        return out;
    }

    /**
     * Tells every {@link Named} block in the tree its path, so firing and operation reports use the
     * official module names.
     *
     * @param root the root block
     * @param prefix the root's path (empty for none)
     */
    public static void assignPaths(Block root, String prefix) {
        if (root instanceof Named) {
            ((Named) root).setPath(prefix);
        }
        int i = 0;
        for (Pair<String, Block> child : root.getChildren()) {
            assignPaths(child.getValue(), join(prefix, childName(child.getKey(), i++)));
        }
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(join(prefix, p.getKey()), p.getValue());
        }
        int i = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), join(prefix, childName(child.getKey(), i++)), out);
        }
    }

    /** Removes DJL's ordinal prefix ({@code %02d} of the 1-based child index). */
    static String childName(String key, int index) {
        String ordinal = String.format(Locale.ROOT, "%02d", index + 1);
        if (!key.startsWith(ordinal)) {
            throw new IllegalStateException("Unexpected child key '" + key + "' at index " + index);
        }
        return key.substring(ordinal.length());
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
