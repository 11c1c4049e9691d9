package io.spikestream.inference.model.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The counterpart of {@code nn.ModuleList}: children named {@code 0, 1, ...}, so parameter paths read
 * {@code block3.4.attn...} as in PyTorch. Callers iterate {@link #blocks()} with their own signature.
 *
 * @param <T> the block type
 */
public final class BlockStack<T extends SpikeBlock> extends SpikeBlock {

    private final List<T> blocks;

    /**
     * Creates the list.
     *
     * @param blocks the members in order
     */
    public BlockStack(List<T> blocks) {
        this.blocks = new ArrayList<>(blocks);
        for (int i = 0; i < blocks.size(); i++) {
            addChildBlock(String.valueOf(i), blocks.get(i));
        }
    }

    /** The members in order. */
    public List<T> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    /**
     * Returns member {@code i}.
     *
     * @param i index
     * @return the member
     */
    public T get(int i) {
        return blocks.get(i);
    }

    /** Number of members. */
    public int size() {
        return blocks.size();
    }
}
