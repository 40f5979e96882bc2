package eg3d.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format, read and written in plain Java: an 8-byte little-endian header length
 * N, N bytes of JSON ({@code {"NAME": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]},
 * ..., "__metadata__": {"key": "string", ...}}}), then the tensor bytes, little-endian and
 * contiguous, at the offsets given relative to the end of the header.
 */
final class Safetensors {

    /** Headers beyond this are refused as corrupt, as the reference implementation does. */
    static final long MAX_HEADER = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {}

    /** Tensors in file order plus the string metadata. */
    record Content(LinkedHashMap<String, HostTensor> tensors, Map<String, String> metadata) {}

    /** One header entry, checked: its byte range holds exactly its shape's elements. */
    private record Entry(String key, TensorDType dtype, long[] shape, long begin, long end) {}

    /** Writes tensors in the map's order, back to back. The header is space-padded to 8 bytes. */
    static void write(WritableByteChannel out, Map<String, HostTensor> tensors, Map<String, String> metadata)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        metadata.forEach(meta::put);
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("a tensor may not be named __metadata__");
            }
            HostTensor t = e.getValue();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", t.dtype().getSafetensorsCode());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long size = t.data().remaining();
            entry.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        writeFully(out, head.flip());
        for (HostTensor t : tensors.values()) {
            writeFully(out, t.data());
        }
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /**
     * Reads and validates a whole file: header bounds, dtype codes, that each shape fits its byte
     * range, and that the ranges tile the data section exactly.
     *
     * @param name names the file in messages
     */
    static Content read(FileChannel in, String name) throws IOException {
        long fileSize = in.size();
        if (fileSize < 8) {
            throw corrupt(name, "it is " + fileSize + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(in, lenBuf, 0, name);
        long headerLen = lenBuf.flip().getLong();
        if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > fileSize - 8) {
            throw corrupt(name, "the header length field says " + headerLen + " bytes, but the file has "
                    + (fileSize - 8) + " after it");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
        readFully(in, headerBuf, 8, name);
        JsonNode header;
        try {
            header = JSON.readTree(new String(headerBuf.array(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw corrupt(name, "the JSON header does not parse (" + e.getOriginalMessage() + ")");
        }
        if (header == null || !header.isObject()) {
            throw corrupt(name, "the header is not a JSON object");
        }
        long dataStart = 8 + headerLen;
        long dataSize = fileSize - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                if (!f.getValue().isObject()) {
                    throw corrupt(name, "__metadata__ is not an object of strings");
                }
                f.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            entries.add(entry(name, f.getKey(), f.getValue()));
        }
        entries.sort(Comparator.comparingLong(Entry::begin)); // the file order, whatever the JSON order
        long expectedBegin = 0;
        LinkedHashMap<String, HostTensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            String key = e.key();
            long begin = e.begin();
            long end = e.end();
            if (begin != expectedBegin) {
                throw corrupt(name, "tensor '" + key + "' starts at data byte " + begin + ", expected " + expectedBegin
                        + " (tensors must tile the data section with no gaps or overlaps)");
            }
            if (end > dataSize) {
                throw corrupt(name, "tensor '" + key + "' ends at data byte " + end + ", past the end of the file ("
                        + dataSize + " data bytes): the file is truncated");
            }
            ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(end - begin));
            readFully(in, data, dataStart + begin, name);
            tensors.put(key, new HostTensor(e.dtype(), e.shape(), data.flip()));
            expectedBegin = end;
        }
        if (expectedBegin != dataSize) {
            throw corrupt(name, "the tensors cover " + expectedBegin + " data bytes but the file holds " + dataSize);
        }
        return new Content(tensors, metadata);
    }

    private static Entry entry(String name, String key, JsonNode node) {
        JsonNode dtype = node.get("dtype");
        JsonNode shape = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw corrupt(name, "tensor '" + key + "' needs dtype, shape and data_offsets [begin, end]");
        }
        TensorDType type;
        try {
            type = TensorDType.fromSafetensorsCode(dtype.asText());
        } catch (IllegalArgumentException e) {
            throw corrupt(name, "tensor '" + key + "': " + e.getMessage());
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!shape.get(i).canConvertToLong() || shape.get(i).asLong() < 0) {
                throw corrupt(name, "tensor '" + key + "' has a bad shape " + shape);
            }
            dims[i] = shape.get(i).asLong();
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        long expected;
        try {
            expected = Math.multiplyExact(HostTensor.numel(dims), type.getByteSize());
        } catch (ArithmeticException e) {
            throw corrupt(name, "tensor '" + key + "' has an impossibly large shape " + shape);
        }
        if (begin < 0 || end < begin || end - begin != expected) {
            throw corrupt(name, "tensor '" + key + "' of " + type.getSafetensorsCode() + " " + shape + " needs "
                    + expected + " bytes, but data_offsets " + offsets + " give " + (end - begin));
        }
        return new Entry(key, type, dims, begin, end);
    }

    private static void readFully(FileChannel in, ByteBuffer b, long position, String name) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            int n = in.read(b, p);
            if (n < 0) {
                throw corrupt(name, "the file ends at byte " + p + " while reading");
            }
            p += n;
        }
    }

    private static CheckpointException corrupt(String name, String detail) {
        return new CheckpointException(name + " is not a valid safetensors file: " + detail
                + ". The file is truncated or damaged; use an earlier checkpoint or convert the source again.");
    }
}
