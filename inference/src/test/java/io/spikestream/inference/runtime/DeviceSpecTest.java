package io.spikestream.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceSpecTest {

    @Test
    void shouldParseCpuAndGpuForms() {
        assertEquals(Device.cpu(), DeviceSpec.resolve("CPU", 0));
        assertEquals(Device.gpu(0), DeviceSpec.resolve("gpu", 2));
        assertEquals(Device.gpu(1), DeviceSpec.resolve("gpu:1", 2));
    }

    @Test
    void shouldExplainWhenGpuIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSpec.resolve("gpu:0", 0));
        assertTrue(e.getMessage().contains("sees 0 GPU(s)"), e.getMessage());
    }

    @Test
    void shouldRejectMalformedSpec() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSpec.resolve("cuda0", 1));
        assertTrue(e.getMessage().contains("'cpu', 'gpu' or 'gpu:N'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceSpec.resolve("gpu:-1", 1));
    }
}
