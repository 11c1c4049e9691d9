package io.spikestream.inference.runtime.checkpoint;

import java.util.Locale;

/** Element types of PyTorch storages that {@link TorchCheckpointReader} can decode (little-endian). */
public enum TorchDType {
    FLOAT32(4, "FloatStorage"),
    FLOAT64(8, "DoubleStorage"),
    FLOAT16(2, "HalfStorage"),
    BFLOAT16(2, "BFloat16Storage"),
    INT64(8, "LongStorage"),
    INT32(4, "IntStorage"),
    INT16(2, "ShortStorage"),
    INT8(1, "CharStorage"),
    UINT8(1, "ByteStorage"),
    BOOL(1, "BoolStorage");

    private final int bytes;
    private final String storageClass;

    TorchDType(int bytes, String storageClass) {
        this.bytes = bytes;
        this.storageClass = storageClass;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** True for the floating-point types. */
    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64 || this == FLOAT16 || this == BFLOAT16;
    }

    /**
     * Maps a pickled storage class ({@code torch.FloatStorage}, ...) to its element type.
     *
     * @param name the class name without module, e.g. {@code FloatStorage}
     * @return the type, or null when the name is not a supported storage class
     */
    static TorchDType fromStorageClass(String name) {
        for (TorchDType t : values()) {
            if (t.storageClass.equals(name)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
