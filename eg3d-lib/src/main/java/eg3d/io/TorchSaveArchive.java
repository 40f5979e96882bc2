package eg3d.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code torch.save} archive held in memory: the bytes that
 * {@code torch.storage._load_from_bytes} receives inside a network pickle. Two layouts exist and
 * both are read:
 * <ul>
 *   <li>legacy (what storages pickle themselves as): five consecutive pickles — magic number,
 *       protocol version, system info, the object with BINPERSID storage references, the list of
 *       storage keys — then, per key, an 8-byte little-endian element count and the raw elements;</li>
 *   <li>zip: {@code NAME/data.pkl} with the same storage references, the bytes of storage
 *       {@code KEY} in {@code NAME/data/KEY}, and {@code NAME/byteorder} when written by newer torch.</li>
 * </ul>
 * The pickles inside are read by {@link SafeUnpickler} with their own small whitelist.
 */
final class TorchSaveArchive {

    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);

    private final String where;

    private TorchSaveArchive(String where) {
        this.where = where;
    }

    /**
     * Returns the object the archive holds (for the blobs in network pickles, a {@link TorchStorage}).
     *
     * @param where names the blob in messages, e.g. {@code nested torch.save blob at byte 533 of G.pkl}
     */
    static @Nullable Object read(ByteBuffer blob, String where) {
        ByteBuffer b = blob.slice().order(ByteOrder.LITTLE_ENDIAN);
        TorchSaveArchive archive = new TorchSaveArchive(where);
        if (b.remaining() >= 4 && b.getInt(0) == 0x04034b50) { // "PK\3\4"
            return archive.readZip(b);
        }
        return archive.readLegacy(b);
    }

    private @Nullable Object readLegacy(ByteBuffer b) {
        SafeUnpickler header = new SafeUnpickler(where, whitelist(false), null);
        Object magic = header.load(b);
        if (!(magic instanceof BigInteger m) || !m.equals(LEGACY_MAGIC)) {
            throw new CheckpointException(where + " is not a torch.save archive (its first value is a "
                    + SafeUnpickler.typeNameOf(magic) + ", not torch's magic number). The file is corrupt.");
        }
        Object version = header.load(b);
        if (!Integer.valueOf(1001).equals(version)) {
            throw new CheckpointException(where + ": torch.save protocol version " + version + ", expected 1001.");
        }
        if (header.load(b) instanceof Map<?, ?> sysInfo && Boolean.FALSE.equals(sysInfo.get("little_endian"))) {
            throw new CheckpointException(where + " was written on a big-endian machine, which is not supported. "
                    + "Re-save it on a little-endian machine.");
        }
        int objectStart = b.position();
        Map<String, TensorDType> types = new HashMap<>();
        // Pass 1 learns each storage's type; the storage bytes come after this pickle.
        new SafeUnpickler(where, whitelist(false), (pid, at) -> {
            StorageRef ref = storageRef(pid, at);
            types.put(ref.key(), ref.dtype());
            return null;
        }).load(b);
        Object keys = header.load(b);
        if (!(keys instanceof List<?> keyList)) {
            throw new CheckpointException(where + ": the storage key list is a " + SafeUnpickler.typeNameOf(keys));
        }
        Map<String, TorchStorage> storages = new HashMap<>();
        try {
            for (Object key : keyList) {
                TensorDType dtype = types.get(String.valueOf(key));
                if (dtype == null) {
                    throw new CheckpointException(where + ": storage '" + key + "' has data but is never referenced");
                }
                long numel = b.getLong();
                long bytes = numel * dtype.getByteSize();
                if (numel < 0 || numel > b.remaining() || bytes > b.remaining()) {
                    throw new CheckpointException(where + " is truncated: storage '" + key + "' needs " + bytes
                            + " bytes at byte " + b.position() + ", " + b.remaining() + " remain.");
                }
                storages.put(String.valueOf(key), new TorchStorage(dtype, b.slice(b.position(), (int) bytes)));
                b.position(b.position() + (int) bytes);
            }
        } catch (BufferUnderflowException e) {
            throw new CheckpointException(where + " is truncated in its storage data at byte " + b.position() + ".");
        }
        // Pass 2 builds the object with the storages now in hand.
        ByteBuffer again = b.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(objectStart);
        return new SafeUnpickler(where, whitelist(true), (pid, at) -> resolve(storageRef(pid, at), storages, at))
                .load(again);
    }

    private @Nullable Object readZip(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getMethod() != ZipEntry.STORED) {
                    throw new CheckpointException(where + ": entry " + e.getName()
                            + " is compressed; torch.save never compresses, so the archive is not genuine.");
                }
                String name = e.getName();
                int slash = name.indexOf('/');
                entries.put(slash < 0 ? name : name.substring(slash + 1), zip.readNBytes(bytes.length));
            }
        } catch (IOException e) {
            throw new CheckpointException(where + " is a corrupt zip-format torch.save archive: " + e.getMessage(), e);
        }
        byte[] byteorder = entries.get("byteorder");
        if (byteorder != null && !new String(byteorder, StandardCharsets.US_ASCII).trim().equals("little")) {
            throw new CheckpointException(where + " was written big-endian, which is not supported.");
        }
        byte[] pickle = entries.get("data.pkl");
        if (pickle == null) {
            throw new CheckpointException(where + " is a zip archive without data.pkl: not a torch.save archive.");
        }
        return new SafeUnpickler(where + " (data.pkl)", whitelist(true), (pid, at) -> {
            StorageRef ref = storageRef(pid, at);
            byte[] data = entries.get("data/" + ref.key());
            if (data == null) {
                throw new CheckpointException(where + ": storage data/" + ref.key() + " referenced at " + at + " is missing.");
            }
            return resolve(ref, Map.of(ref.key(), new TorchStorage(ref.dtype(), ByteBuffer.wrap(data))), at);
        }).load(ByteBuffer.wrap(pickle));
    }

    /** ('storage', storage_type, key, location, numel[, view_metadata]) as torch.save writes it. */
    private record StorageRef(String key, TensorDType dtype, long numel) {}

    private StorageRef storageRef(@Nullable Object pid, String at) {
        if (!(pid instanceof List<?> t) || t.size() < 5 || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof SafeUnpickler.Global type) || !(t.get(4) instanceof Number numel)) {
            throw new CheckpointException(where + ": unexpected persistent id at " + at + " (a "
                    + SafeUnpickler.typeNameOf(pid) + ", expected ('storage', type, key, location, numel)).");
        }
        if (t.size() > 5 && t.get(5) != null) {
            throw new CheckpointException(where + ": the storage view at " + at + " is not supported;"
                    + " re-save the network with torch 1.0 or newer.");
        }
        String name = type.qualifiedName().substring("torch.".length());
        TensorDType dtype;
        try {
            dtype = TensorDType.fromTorchStorageName(name);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(where + ": " + e.getMessage() + " at " + at, e);
        }
        return new StorageRef(String.valueOf(t.get(2)), dtype, numel.longValue());
    }

    private TorchStorage resolve(StorageRef ref, Map<String, TorchStorage> storages, String at) {
        TorchStorage s = storages.get(ref.key());
        if (s == null || s.numel() != ref.numel() || s.dtype() != ref.dtype()) {
            throw new CheckpointException(where + ": storage '" + ref.key() + "' referenced at " + at + " as "
                    + ref.numel() + " " + ref.dtype() + " elements does not match its data ("
                    + (s == null ? "absent" : s.numel() + " " + s.dtype()) + ").");
        }
        return s;
    }

    /**
     * Storage types are only named in persistent ids; tensors and dicts appear in zip archives.
     * Without {@code build}, tensors come out as null: the first legacy pass has no storage bytes yet.
     */
    private static PickleWhitelist whitelist(boolean build) {
        PickleWhitelist.Builder w = PickleWhitelist.builder()
                .addFunction("torch._utils._rebuild_tensor_v2", build ? TorchSaveArchive::rebuildTensor : (args, at) -> null)
                .addDictClass("collections.OrderedDict");
        for (TensorDType t : TensorDType.values()) {
            w.addType("torch." + t.getTorchStorageName());
        }
        return w.build();
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    static HostTensor rebuildTensor(List<@Nullable Object> args, String where) {
        if (args.size() < 4 || !(args.get(0) instanceof TorchStorage storage) || !(args.get(1) instanceof Number offset)
                || !(args.get(2) instanceof List<?> size) || !(args.get(3) instanceof List<?> stride)) {
            throw new CheckpointException(where + ": _rebuild_tensor_v2 with unexpected arguments " + describe(args)
                    + ". The file is corrupt or from an unsupported torch version.");
        }
        return storage.view(offset.longValue(), longs(size, where), longs(stride, where), where);
    }

    private static long[] longs(List<?> values, String where) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(values.get(i) instanceof Number n)) {
                throw new CheckpointException(where + ": a tensor size or stride holds a "
                        + SafeUnpickler.typeNameOf(values.get(i)));
            }
            out[i] = n.longValue();
        }
        return out;
    }

    private static String describe(List<@Nullable Object> args) {
        StringBuilder s = new StringBuilder("(");
        for (Object a : args) {
            s.append(s.length() == 1 ? "" : ", ").append(SafeUnpickler.typeNameOf(a));
        }
        return s.append(')').toString();
    }
}
