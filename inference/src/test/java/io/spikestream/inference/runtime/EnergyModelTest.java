package io.spikestream.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikestream.inference.model.nn.OpAccounting;
import org.junit.jupiter.api.Test;

class EnergyModelTest {

    @Test
    void shouldChargeMacForRealInputAndRateWeightedAcForSpikes() {
        EnergyModel energy = new EnergyModel(1, 4);
        assertEquals(1000 * 4.6, energy.picojoules(new OpAccounting.Op("stem", 1000, false, 1.0)), 1e-9);
        // T * D * R * MACs * E_AC = 1 * 4 * 0.25 * 1000 * 0.9
        assertEquals(900.0, energy.picojoules(new OpAccounting.Op("conv", 1000, true, 0.25)), 1e-9);
    }
}
