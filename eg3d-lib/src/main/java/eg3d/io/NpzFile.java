package eg3d.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads numpy {@code .npz} archives into named arrays (keys without {@code .npy}).
 *
 * <p>Our own reader because fixtures hold Fortran-ordered arrays, which DJL's decoder refuses;
 * those are transposed back to C order here. Supports little-endian float32/64, int32/64, uint8
 * and bool; float64 becomes float32.
 */
public final class NpzFile {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpzFile() {}

    /** Every array of {@code file}, in archive order, owned by {@code manager}. */
    public static Map<String, NDArray> read(NDManager manager, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such .npz file");
        }
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                try (InputStream in = zip.getInputStream(e)) {
                    NDArray a = readNpy(manager, in.readAllBytes(), file + ":" + name);
                    a.setName(name);
                    arrays.put(name, a);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read .npz (" + e.getMessage() + ")", e);
        }
        return arrays;
    }

    static NDArray readNpy(NDManager manager, byte[] bytes, String where) {
        if (bytes.length < 10 || bytes[0] != (byte) 0x93 || bytes[1] != 'N' || bytes[2] != 'U') {
            throw new IllegalArgumentException(where + ": not a .npy array (bad magic)");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, where, "descr");
        boolean fortran = group(FORTRAN, header, where, "fortran_order").equals("True");
        List<Long> dims = new ArrayList<>();
        for (String d : group(SHAPE, header, where, "shape").split(",")) {
            if (!d.isBlank()) {
                dims.add(Long.parseLong(d.trim()));
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, start + headerLen, bytes.length - start - headerLen).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        NDArray a;
        switch (descr) {
            case "<f4": {
                float[] v = new float[(int) count];
                data.asFloatBuffer().get(v);
                a = manager.create(v, new Shape(reversedIf(fortran, shape)));
                break;
            }
            case "<f8": {
                double[] v = new double[(int) count];
                data.asDoubleBuffer().get(v);
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    f[i] = (float) v[i];
                }
                a = manager.create(f, new Shape(reversedIf(fortran, shape)));
                break;
            }
            case "<i8": {
                long[] v = new long[(int) count];
                data.asLongBuffer().get(v);
                a = manager.create(v, new Shape(reversedIf(fortran, shape)));
                break;
            }
            case "<i4": {
                int[] v = new int[(int) count];
                data.asIntBuffer().get(v);
                a = manager.create(v, new Shape(reversedIf(fortran, shape)));
                break;
            }
            case "|u1":
            case "|b1": {
                byte[] v = new byte[(int) count];
                data.get(v);
                a = manager.create(ByteBuffer.wrap(v), new Shape(reversedIf(fortran, shape)),
                        descr.equals("|b1") ? DataType.BOOLEAN : DataType.UINT8);
                break;
            }
            default:
                throw new IllegalArgumentException(where + ": unsupported dtype '" + descr + "' (supported: <f4 <f8 <i8 <i4 |u1 |b1)");
        }
        if (fortran && shape.length > 1) {
            int[] axes = new int[shape.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = axes.length - 1 - i;
            }
            NDArray c = a.transpose(axes).duplicate();     // a contiguous copy in C order
            a.close();
            a = c;
        }
        return a;
    }

    private static long[] reversedIf(boolean fortran, long[] shape) {
        if (!fortran) {
            return shape;
        }
        long[] r = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            r[i] = shape[shape.length - 1 - i];
        }
        return r;
    }

    private static String group(Pattern p, String header, String where, String field) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(where + ": .npy header has no '" + field + "'");
        }
        return m.group(1);
    }
}
