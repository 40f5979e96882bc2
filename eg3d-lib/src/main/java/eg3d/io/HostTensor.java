package eg3d.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor held in Java heap memory: element type, shape, and the elements in C (row-major) order
 * as little-endian bytes. It holds no native memory, so it needs no closing; {@link #toNDArray}
 * copies it into an NDManager when the model needs it.
 *
 * @param dtype element type
 * @param shape sizes per dimension; empty for a scalar
 * @param data exactly {@code numel * dtype.byteSize} bytes from position 0, read-only
 */
public record HostTensor(TensorDType dtype, long[] shape, ByteBuffer data) {

    public HostTensor {
        shape = shape.clone();
        long numel = numel(shape);
        long expected = numel * dtype.getByteSize();
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("tensor " + dtype + Arrays.toString(shape) + " needs " + expected
                    + " bytes, got " + data.remaining());
        }
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A float32 tensor with the given values, copied. */
    public static HostTensor ofFloats(long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new HostTensor(TensorDType.FLOAT32, shape, b);
    }

    /** Number of elements: the product of the shape. */
    public long numel() {
        return numel(shape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** A read-only view of the bytes, little-endian, positioned at 0. */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The elements converted to float32 (float16, bfloat16, integers and bools convert exactly or round). */
    public float[] toFloatArray() {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        ByteBuffer b = data();
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case FLOAT32 -> b.getFloat(i * 4);
                case FLOAT16 -> Float.intBitsToFloat(halfToFloatBits(b.getShort(i * 2)));
                case BFLOAT16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                case FLOAT64 -> (float) b.getDouble(i * 8);
                case INT64 -> b.getLong(i * 8);
                case INT32 -> b.getInt(i * 4);
                case INT16 -> b.getShort(i * 2);
                case INT8 -> b.get(i);
                case UINT8, BOOL -> b.get(i) & 0xff;
            };
        }
        return out;
    }

    /** Copies the tensor into {@code manager} with the same dtype and shape. */
    public NDArray toNDArray(NDManager manager) {
        // DJL copies a heap buffer byte for byte into native memory; PyTorch on every platform
        // we run on is little-endian, like the data.
        return manager.create(data(), new Shape(shape), dtype.getDjlType());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostTensor t && t.dtype == dtype && Arrays.equals(t.shape, shape) && t.data.equals(data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + data.hashCode();
    }

    @Override
    public String toString() {
        return "HostTensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** IEEE 754 half → single, subnormals and NaN payloads included. */
    private static int halfToFloatBits(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return sign | 0x7f800000 | (mant << 13);
        }
        if (exp == 0) {
            if (mant == 0) {
                return sign;
            }
            // Normalise the subnormal: shift until the implicit bit appears.
            int e = -1;
            do {
                mant <<= 1;
                e++;
            } while ((mant & 0x400) == 0);
            return sign | ((127 - 15 - e) << 23) | ((mant & 0x3ff) << 13);
        }
        return sign | ((exp - 15 + 127) << 23) | (mant << 13);
    }
}
