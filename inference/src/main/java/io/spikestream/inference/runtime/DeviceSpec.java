package io.spikestream.inference.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Parses the inference device setting: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}.
 */
public final class DeviceSpec {

    private DeviceSpec() {}

    /**
     * Resolves a device setting against the engine.
     *
     * @param spec the setting
     * @return the DJL device
     * @throws IllegalArgumentException for a malformed setting or a GPU this machine does not have
     */
    public static Device resolve(String spec) {
        return resolve(spec, Engine.getInstance().getGpuCount());
    }

    /**
     * Resolves a device setting for a machine with {@code gpuCount} GPUs.
     *
     * @param spec the setting
     * @param gpuCount GPUs visible to the engine
     * @return the DJL device
     * @throws IllegalArgumentException for a malformed setting or a missing GPU
     */
    public static Device resolve(String spec, int gpuCount) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        int index = gpuIndex(s, spec);
        if (index >= gpuCount) {
            throw new IllegalArgumentException("Device '" + spec + "' requested but the engine sees " + gpuCount
                    + " GPU(s); use 'cpu'" + (gpuCount > 0 ? " or gpu:0..gpu:" + (gpuCount - 1) : "")
                    + " (a CUDA build of libtorch is needed for GPUs, see docs/gpu.md)");
        }
        return Device.gpu(index);
    }

    private static int gpuIndex(String s, String original) {
        if (s.equals("gpu")) {
            return 0;
        }
        if (s.startsWith("gpu:")) {
            try {
                int n = Integer.parseInt(s.substring(4));
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(
                "Unknown device '" + original + "'; use 'cpu', 'gpu' or 'gpu:N' (N = 0, 1, ...)");
    }
}
