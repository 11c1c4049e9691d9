package io.spikestream.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {

    @Test
    void shouldReadWeightsSpecifications() throws IOException {
        assertTrue(ModelSelection.of(null, "random", "cpu", 0, 0).randomWeights());
        assertTrue(ModelSelection.of("ade20k", null, "cpu", 0, 0).randomWeights(),
                "no weights are shipped for ade20k: the default is random weights");
        assertEquals(Path.of("/w/x.params"), ModelSelection.of("", "/w/x.params", "cpu", 0, 0).weights());
        assertNull(ModelSelection.of(" ", null, "cpu", 0, 0).preset());
    }

    @Test
    void shouldUseTheShippedTinyWeightsByDefault() throws IOException {
        ModelSelection shipped = ModelSelection.of(null, null, "cpu", 0, 0);
        assertEquals(ModelSelection.of(null, "default", "cpu", 0, 0).weights(), shipped.weights());
        assertTrue(shipped.weights().getFileName().toString().equals("tiny-cityscapes.params"), shipped.weights()
                + " should be the shipped tiny-cityscapes weights");
        assertEquals("tiny-cityscapes", shipped.config().name());
    }

    @Test
    void shouldExplainWhenNoWeightsAreShipped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSelection.of("voc", "default", "cpu", 0, 0));
        assertTrue(e.getMessage().contains("no weights are shipped for voc") && e.getMessage().contains("random"),
                e.getMessage());
    }
}
