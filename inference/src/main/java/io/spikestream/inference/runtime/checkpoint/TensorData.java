package io.spikestream.inference.runtime.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One tensor read from a checkpoint: name, element type, shape and the values as a contiguous
 * row-major little-endian buffer (non-contiguous originals are gathered on reading).
 */
public final class TensorData {

    private final String name;
    private final TorchDType dtype;
    private final long[] shape;
    private final ByteBuffer data;

    /**
     * Creates a tensor.
     *
     * @param name its state_dict key (may be empty for tensors outside a state_dict)
     * @param dtype element type
     * @param shape shape, {@code []} for a scalar
     * @param data {@code numel * dtype.bytes()} bytes, row-major, little-endian
     */
    public TensorData(String name, TorchDType dtype, long[] shape, ByteBuffer data) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long expected = numel() * dtype.bytes();
        if (this.data.remaining() != expected) {
            throw new IllegalArgumentException("Tensor '" + name + "' of shape " + Arrays.toString(shape)
                    + " needs " + expected + " bytes, got " + this.data.remaining());
        }
    }

    /** Returns the same tensor under another name. */
    public TensorData withName(String newName) {
        return new TensorData(newName, dtype, shape, data);
    }

    public String name() {
        return name;
    }

    public TorchDType dtype() {
        return dtype;
    }

    /** The shape (a copy). */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (1 for a scalar). */
    public long numel() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    /** A read-only little-endian view of the raw values. */
    public ByteBuffer rawData() {
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Element {@code i} in row-major order, converted to double.
     *
     * @param i flat index
     * @return the value (bool as 0 or 1, uint8 unsigned)
     */
    public double getDouble(long i) {
        int at = Math.toIntExact(i * dtype.bytes()) + data.position();
        switch (dtype) {
            case FLOAT32: return data.getFloat(at);
            case FLOAT64: return data.getDouble(at);
            case FLOAT16: return HalfFloats.halfToFloat(data.getShort(at));
            case BFLOAT16: return Float.intBitsToFloat((data.getShort(at) & 0xffff) << 16);
            case INT64: return data.getLong(at);
            case INT32: return data.getInt(at);
            case INT16: return data.getShort(at);
            case INT8: return data.get(at);
            case UINT8: return data.get(at) & 0xff;
            case BOOL: return data.get(at) != 0 ? 1 : 0;
            default: throw new IllegalStateException("Unhandled dtype " + dtype);
        }
    }

    /** All values as float32 (row-major). */
    public float[] toFloatArray() {
        float[] out = new float[Math.toIntExact(numel())];
        if (dtype == TorchDType.FLOAT32) {
            rawData().asFloatBuffer().get(out);
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** All values as long (row-major); floating-point values are truncated. */
    public long[] toLongArray() {
        long[] out = new long[Math.toIntExact(numel())];
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype == TorchDType.INT64 ? data.getLong(i * 8 + data.position()) : (long) getDouble(i);
        }
        return out;
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }

    /** IEEE 754 binary16 decoding (Java 17 has no Float.float16ToFloat). */
    static final class HalfFloats {
        private HalfFloats() {}

        static float halfToFloat(short h) {
            int bits = h & 0xffff;
            int sign = (bits >>> 15) << 31;
            int exp = (bits >>> 10) & 0x1f;
            int mant = bits & 0x3ff;
            if (exp == 0x1f) {
                return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
            }
            if (exp != 0) {
                return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
            }
            float sub = mant * 0x1p-24f;
            return sign == 0 ? sub : -sub;
        }
    }
}
