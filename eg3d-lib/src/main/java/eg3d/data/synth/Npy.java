package eg3d.data.synth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** NumPy's {@code .npy} format (version 1.0) for little-endian float32 arrays, so Python reads depth maps directly. */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final Pattern SHAPE = Pattern.compile("'shape': \\(([0-9, ]*)\\)");

    private Npy() {}

    /** The file bytes for a C-order float32 array. */
    public static byte[] float32(float[] data, int... shape) {
        long count = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
        if (count != data.length) {
            throw new IllegalArgumentException("npy: shape " + Arrays.toString(shape) + " holds " + count + " values, got " + data.length);
        }
        StringBuilder dims = new StringBuilder();
        for (int s : shape) {
            dims.append(s).append(", ");
        }
        String dimText = shape.length == 1 ? dims.toString().trim() : dims.substring(0, Math.max(0, dims.length() - 2));
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dimText + "), }");
        // Pad so the data starts on a 64-byte boundary, as NumPy does; the header ends in '\n'.
        while ((MAGIC.length + 2 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + text.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) text.length).put(text);
        out.asFloatBuffer().put(data);
        return out.array();
    }

    /** A float32 array read back (the shape is checked against {@code expectedShape}). */
    public static float[] readFloat32(byte[] file, int... expectedShape) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(Arrays.copyOf(magic, 6), Arrays.copyOf(MAGIC, 6))) {
            throw new IllegalArgumentException("npy: not a .npy file (bad magic)");
        }
        int headerLength = magic[6] == 1 ? Short.toUnsignedInt(in.getShort()) : in.getInt();
        byte[] text = new byte[headerLength];
        in.get(text);
        String header = new String(text, StandardCharsets.US_ASCII);
        if (!header.contains("'descr': '<f4'") || !header.contains("'fortran_order': False")) {
            throw new IllegalArgumentException("npy: expected little-endian float32 in C order, header " + header.trim());
        }
        Matcher m = SHAPE.matcher(header);
        int[] shape = m.find() ? Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray() : new int[0];
        if (!Arrays.equals(shape, expectedShape)) {
            throw new IllegalArgumentException("npy: shape " + Arrays.toString(shape) + ", expected " + Arrays.toString(expectedShape));
        }
        float[] data = new float[in.remaining() / 4];
        in.asFloatBuffer().get(data);
        return data;
    }
}
