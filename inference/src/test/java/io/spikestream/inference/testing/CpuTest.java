package io.spikestream.inference.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.spikestream.inference.model.MembraneState;
import io.spikestream.inference.model.nn.SpikeContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of tests that need a CPU {@link NDManager}, opened and closed around each test. */
public abstract class CpuTest {

    /** The test's manager. */
    protected NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /**
     * An inference or training context on the CPU that captures membrane state.
     *
     * @param training whether to record gradients and use batch statistics
     * @param state carried state, or null for a fresh one
     * @return the context
     */
    protected SpikeContext context(boolean training, MembraneState state) {
        return SpikeContext.builder(new ParameterStore(manager, false), Device.cpu())
                .optTraining(training).optState(state).optCaptureState(true).build();
    }
}
