package eg3d.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One torch storage: a flat run of elements of one type, as {@code torch.save} writes it. Tensors
 * are views into it (offset, size, stride), made concrete by {@link #view}.
 *
 * @param dtype element type, from the storage class ({@code torch.FloatStorage} → float32)
 * @param data the elements, little-endian, from position 0
 */
public record TorchStorage(TensorDType dtype, ByteBuffer data) {

    public TorchStorage {
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (data.remaining() % dtype.getByteSize() != 0) {
            throw new IllegalArgumentException(dtype + " storage of " + data.remaining() + " bytes");
        }
    }

    public long numel() {
        return data.remaining() / dtype.getByteSize();
    }

    /**
     * The tensor {@code torch._utils._rebuild_tensor_v2} would make: element i (multi-index) is
     * storage element {@code offset + Σ index[d]·stride[d]}. The result is contiguous; a
     * contiguous view shares the storage bytes, any other layout is copied.
     *
     * @param where names the source in errors
     */
    public HostTensor view(long offset, long[] size, long[] stride, String where) {
        if (size.length != stride.length) {
            throw new CheckpointException(where + ": tensor size " + Arrays.toString(size) + " and stride "
                    + Arrays.toString(stride) + " differ in rank. The file is corrupt; copy or download it again.");
        }
        long numel = HostTensor.numel(size);
        int elem = dtype.getByteSize();
        if (numel > 0) {
            long last = offset;
            for (int d = 0; d < size.length; d++) {
                if (stride[d] < 0) {
                    throw new CheckpointException(where + ": negative stride " + Arrays.toString(stride));
                }
                last += (size[d] - 1) * stride[d];
            }
            if (offset < 0 || last >= numel()) {
                throw new CheckpointException(where + ": tensor of size " + Arrays.toString(size) + ", stride "
                        + Arrays.toString(stride) + " at offset " + offset + " reaches past its storage of "
                        + numel() + " elements. The file is corrupt; copy or download it again.");
            }
        }
        if (numel == 0 || Arrays.equals(stride, contiguousStride(size))) {
            int from = Math.toIntExact(offset * elem);
            ByteBuffer slice = data.slice(numel == 0 ? 0 : from, Math.toIntExact(numel * elem));
            return new HostTensor(dtype, size, slice);
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(numel * elem)).order(ByteOrder.LITTLE_ENDIAN);
        long[] index = new long[size.length];
        byte[] element = new byte[elem];
        for (long i = 0; i < numel; i++) {
            long src = offset;
            for (int d = 0; d < size.length; d++) {
                src += index[d] * stride[d];
            }
            data.get(Math.toIntExact(src * elem), element);
            out.put(element);
            for (int d = size.length - 1; d >= 0; d--) { // odometer increment, last dimension fastest
                if (++index[d] < size[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return new HostTensor(dtype, size, out.flip());
    }

    static long[] contiguousStride(long[] size) {
        long[] stride = new long[size.length];
        long s = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            stride[d] = s;
            s *= size[d];
        }
        return stride;
    }
}
