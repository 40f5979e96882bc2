package eg3d.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class TorchSaveArchiveTest {
    private static final float[] STORAGE = {0, 1, 2, 3, 4, 5};

    /** ('storage', torch.FloatStorage, '0', 'cpu', 6) then BINPERSID. */
    private static byte[] storageObjectPickle(boolean withViewMetadata) {
        PickleBytes p = new PickleBytes().proto(2).mark().str("storage").global("torch", "FloatStorage")
                .str("0").str("cpu").int1(6);
        if (withViewMetadata) {
            p.none();
        }
        return p.tuple().op('Q').stop().toByteArray();
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    /** {@code _rebuild_tensor_v2(_load_from_bytes(blob), offset, size, stride, False, OrderedDict())}. */
    private static HostTensor rebuild(byte[] blob, int offset, int[] size, int[] stride) {
        PickleBytes p = new PickleBytes().proto(4).stackGlobal("torch._utils", "_rebuild_tensor_v2").mark()
                .stackGlobal("torch.storage", "_load_from_bytes").bytes(blob).op(0x85).reduce().int1(offset).mark();
        for (int s : size) {
            p.int1(s);
        }
        p.tuple().mark();
        for (int s : stride) {
            p.int1(s);
        }
        p.tuple().op(0x89).stackGlobal("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce().stop();
        return (HostTensor) new SafeUnpickler("t.pkl", NetworkPickle.whitelist(), null).load(ByteBuffer.wrap(p.toByteArray()));
    }

    private static byte[] legacyBlob() {
        return HostilePickleTest.legacyTorchSave(storageObjectPickle(true), new String[] {"0"},
                new byte[][] {floats(STORAGE)});
    }

    @Test
    void aContiguousViewWithOffsetReadsTheRightElements() {
        HostTensor t = rebuild(legacyBlob(), 2, new int[] {2, 2}, new int[] {2, 1});
        assertArrayEquals(new long[] {2, 2}, t.shape());
        assertArrayEquals(new float[] {2, 3, 4, 5}, t.toFloatArray());
    }

    @Test
    void aTransposedViewIsCopiedInRowMajorOrder() {
        HostTensor t = rebuild(legacyBlob(), 1, new int[] {2, 2}, new int[] {1, 3});
        assertArrayEquals(new float[] {1, 4, 2, 5}, t.toFloatArray());
    }

    @Test
    void aViewPastTheEndOfItsStorageIsCorrupt() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> rebuild(legacyBlob(), 3, new int[] {2, 2}, new int[] {2, 1}));
        assertTrue(e.getMessage().contains("reaches past its storage of 6 elements"), e.getMessage());
    }

    @Test
    void theZipLayoutReadsLikeTheLegacyOne() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            stored(zip, "archive/data.pkl", storageObjectPickle(false));
            stored(zip, "archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            stored(zip, "archive/data/0", floats(STORAGE));
        }
        HostTensor t = rebuild(bytes.toByteArray(), 0, new int[] {3, 2}, new int[] {2, 1});
        assertArrayEquals(STORAGE, t.toFloatArray());
    }

    @Test
    void aStorageShorterThanItsReferenceIsReportedAsTruncated() {
        byte[] blob = HostilePickleTest.legacyTorchSave(storageObjectPickle(true), new String[] {"0"},
                new byte[][] {floats(0, 1, 2)}); // the header says 3 elements, the reference says 6
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> rebuild(blob, 0, new int[] {3}, new int[] {1}));
        assertTrue(e.getMessage().contains("storage '0' referenced at") && e.getMessage().contains("does not match"),
                e.getMessage());
    }

    @Test
    void halfAndIntegerTensorsConvertToFloats() {
        ByteBuffer half = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x0001).putShort((short) 0x7bff);
        HostTensor h = new HostTensor(TensorDType.FLOAT16, new long[] {4}, half.flip());
        assertArrayEquals(new float[] {1f, -2f, 5.9604645e-8f, 65504f}, h.toFloatArray());
        ByteBuffer longs = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-7).putLong(1L << 40);
        HostTensor l = new HostTensor(TensorDType.INT64, new long[] {2}, longs.flip());
        assertArrayEquals(new float[] {-7f, 1099511627776f}, l.toFloatArray());
        assertEquals(2, l.numel());
    }

    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
