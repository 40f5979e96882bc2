package eg3d.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class HostTensorNDArrayTest {

    @Test
    void float32AndInt64AndBoolKeepTheirValuesAndShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            HostTensor f = HostTensor.ofFloats(new long[] {2, 3}, 1, 2, 3, 4, 5, -6.5f);
            NDArray a = f.toNDArray(manager);
            assertEquals(new Shape(2, 3), a.getShape());
            assertArrayEquals(f.toFloatArray(), a.toFloatArray());

            ByteBuffer longs = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-3).putLong(1L << 40);
            NDArray l = new HostTensor(TensorDType.INT64, new long[] {2}, longs.flip()).toNDArray(manager);
            assertEquals(DataType.INT64, l.getDataType());
            assertArrayEquals(new long[] {-3, 1L << 40}, l.toLongArray());

            NDArray b = new HostTensor(TensorDType.BOOL, new long[] {3}, ByteBuffer.wrap(new byte[] {1, 0, 1}))
                    .toNDArray(manager);
            assertArrayEquals(new boolean[] {true, false, true}, b.toBooleanArray());
        }
    }

    @Test
    void aViewIntoALargerBufferCopiesOnlyItsOwnBytes() {
        ByteBuffer big = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(9).putFloat(1).putFloat(2).putFloat(9);
        HostTensor t = new HostTensor(TensorDType.FLOAT32, new long[] {2}, big.position(4).limit(12));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(new float[] {1, 2}, t.toNDArray(manager).toFloatArray());
        }
    }
}
