package io.spikestream.inference.model.nn;

/** A block that reports under its path in the model (neurons and synaptic layers). */
public interface Named {

    /**
     * Sets the path, e.g. {@code backbone.block3.0.attn.q_conv.0}.
     *
     * @param path dotted path of the block in the official module tree
     */
    void setPath(String path);
}
