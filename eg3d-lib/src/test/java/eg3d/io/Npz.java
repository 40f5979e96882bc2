package eg3d.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A minimal .npz reader for tests: little-endian numeric arrays in C order, as numpy.savez writes. */
final class Npz {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<|])([a-z])(\\d)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npz() {}

    static LinkedHashMap<String, HostTensor> read(Path file) throws IOException {
        LinkedHashMap<String, HostTensor> out = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                out.put(e.getName().replaceFirst("\\.npy$", ""), npy(zip.readAllBytes(), e.getName()));
            }
        }
        return out;
    }

    private static HostTensor npy(byte[] bytes, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
        int dataStart = (major == 1 ? 10 : 12) + headerLen;
        String header = new String(bytes, major == 1 ? 10 : 12, headerLen, StandardCharsets.ISO_8859_1);
        if (header.contains("'fortran_order': True")) {
            throw new IllegalArgumentException(name + ": Fortran order");
        }
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IllegalArgumentException(name + ": header " + header);
        }
        TensorDType dtype = switch (d.group(2) + d.group(3)) {
            case "f4" -> TensorDType.FLOAT32;
            case "f2" -> TensorDType.FLOAT16;
            case "f8" -> TensorDType.FLOAT64;
            case "i8" -> TensorDType.INT64;
            case "i4" -> TensorDType.INT32;
            case "u1" -> TensorDType.UINT8;
            case "b1" -> TensorDType.BOOL;
            default -> throw new IllegalArgumentException(name + ": dtype " + d.group());
        };
        String[] dims = s.group(1).split(",");
        long[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        return new HostTensor(dtype, shape, ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart));
    }
}
