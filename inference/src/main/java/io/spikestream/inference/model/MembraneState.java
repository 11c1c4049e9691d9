package io.spikestream.inference.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The membrane potentials every NI-LIF neuron of a Spike2Former network keeps after a forward pass.
 *
 * <p>Slot n holds the potential of the n-th neuron call of a pass, with the shape of that neuron's
 * input current; the batch is always the first axis. Feeding a state into the next pass continues
 * each neuron's integration ({@code v = v_prev + x}); passing none starts from zero, which is the
 * official per-image behaviour.
 *
 * <p>A state lives on the device of the pass that produced it and belongs to that pass's
 * {@link NDManager} until {@link #attach(NDManager)} moves it to a longer-lived one.
 */
public final class MembraneState implements AutoCloseable {

    private final NDList potentials;

    /**
     * Wraps potentials in neuron call order.
     *
     * @param potentials one array per neuron call, batch first
     */
    public MembraneState(NDList potentials) {
        if (potentials.isEmpty()) {
            throw new IllegalArgumentException("A membrane state needs at least one neuron slot");
        }
        this.potentials = potentials;
    }

    /** Number of neuron slots. */
    public int neuronCount() {
        return potentials.size();
    }

    /**
     * Returns one slot.
     *
     * @param slot index in neuron call order
     * @return the potential, batch first
     */
    public NDArray potential(int slot) {
        return potentials.get(slot);
    }

    /** Batch size (first axis of every slot). */
    public long batchSize() {
        return potentials.head().getShape().get(0);
    }

    /** The device holding the potentials. */
    public Device device() {
        return potentials.head().getDevice();
    }

    /** Number of stored values over all slots. */
    public long elementCount() {
        long n = 0;
        for (NDArray a : potentials) {
            n += a.size();
        }
        return n;
    }

    /** Bytes held on the device. */
    public long sizeInBytes() {
        long n = 0;
        for (NDArray a : potentials) {
            n += a.size() * a.getDataType().getNumOfBytes();
        }
        return n;
    }

    /**
     * Moves the potentials to another manager, e.g. from a frame scope to a camera's manager.
     *
     * @param manager the new owner
     * @return this state
     */
    public MembraneState attach(NDManager manager) {
        potentials.attach(manager);
        return this;
    }

    /**
     * Splits a batched state into one state per batch element (views are copied so each can be
     * owned separately).
     *
     * @return states in batch order
     */
    public List<MembraneState> splitBatch() {
        int batch = Math.toIntExact(batchSize());
        List<MembraneState> parts = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            NDList slots = new NDList(potentials.size());
            for (NDArray a : potentials) {
                slots.add(a.get(new NDIndex("{}:{}", b, b + 1)).duplicate());
            }
            parts.add(new MembraneState(slots));
        }
        return parts;
    }

    /**
     * Concatenates per-camera states into one batched state, in the given order.
     *
     * @param states states with the same slot shapes except the batch axis
     * @return the batched state
     */
    public static MembraneState concatBatch(List<MembraneState> states) {
        if (states.size() == 1) {
            return states.get(0);
        }
        int slots = states.get(0).neuronCount();
        NDList merged = new NDList(slots);
        for (int s = 0; s < slots; s++) {
            NDList column = new NDList(states.size());
            for (MembraneState st : states) {
                if (st.neuronCount() != slots) {
                    throw new IllegalArgumentException("Cannot batch membrane states of different models");
                }
                column.add(st.potential(s));
            }
            merged.add(NDArrays.concat(column, 0));
        }
        return new MembraneState(merged);
    }

    /**
     * A fresh (all-zero) state shaped like {@code template} but with batch size 1; integrating from it
     * equals starting without state.
     *
     * @param template a state of the same model and input size
     * @param manager owner of the new arrays
     * @return the zero state
     */
    public static MembraneState zerosLike(MembraneState template, NDManager manager) {
        NDList slots = new NDList(template.neuronCount());
        for (NDArray a : template.potentials) {
            long[] dims = a.getShape().getShape();
            dims[0] = 1;
            slots.add(manager.zeros(new ai.djl.ndarray.types.Shape(dims), a.getDataType(), a.getDevice()));
        }
        return new MembraneState(slots);
    }

    /**
     * Exempts the potentials from the enclosing {@link NDScope}, so they survive the batch that made
     * them.
     *
     * @return this state
     */
    public MembraneState keepBeyondScope() {
        NDScope.unregister(potentials);
        return this;
    }

    /** Frees the device memory of every slot. */
    @Override
    public void close() {
        potentials.close();
    }

    @Override
    public String toString() {
        return "MembraneState(" + potentials.size() + " slots, " + sizeInBytes() + " bytes on " + device() + ")";
    }
}
