package eg3d.shape;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The mesh file formats: PLY (write binary, read ASCII and binary), OBJ and binary STL. */
final class MeshFiles {
    private MeshFiles() {}

    static void writePly(Mesh mesh, Path file) {
        float @Nullable [] colors = mesh.getColors();
        StringBuilder header = new StringBuilder()
                .append("ply\nformat binary_little_endian 1.0\ncomment written by eg3d\n")
                .append("element vertex ").append(mesh.getVertexCount()).append('\n')
                .append("property float x\nproperty float y\nproperty float z\n");
        if (colors != null) {
            header.append("property uchar red\nproperty uchar green\nproperty uchar blue\n");
        }
        header.append("element face ").append(mesh.getFaceCount()).append('\n')
                .append("property list uchar int vertex_indices\nend_header\n");
        try (LittleEndianOut out = new LittleEndianOut(file)) {
            out.bytes(header.toString().getBytes(StandardCharsets.US_ASCII));
            float[] v = mesh.getVertices();
            for (int i = 0; i < v.length; i += 3) {
                out.f32(v[i]).f32(v[i + 1]).f32(v[i + 2]);
                if (colors != null) {
                    out.u8(toByte(colors[i])).u8(toByte(colors[i + 1])).u8(toByte(colors[i + 2]));
                }
            }
            int[] f = mesh.getFaces();
            for (int i = 0; i < f.length; i += 3) {
                out.u8(3).i32(f[i]).i32(f[i + 1]).i32(f[i + 2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not write the PLY mesh: " + e.getMessage(), e);
        }
    }

    static void writeObj(Mesh mesh, Path file) {
        float[] v = mesh.getVertices();
        float @Nullable [] colors = mesh.getColors();
        int[] f = mesh.getFaces();
        try {
            createParent(file);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
                out.write("# eg3d mesh: " + mesh.getVertexCount() + " vertices, " + mesh.getFaceCount() + " faces\n");
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < v.length; i += 3) {
                    line.setLength(0);
                    line.append("v ").append(v[i]).append(' ').append(v[i + 1]).append(' ').append(v[i + 2]);
                    if (colors != null) {
                        line.append(' ').append(colors[i]).append(' ').append(colors[i + 1]).append(' ').append(colors[i + 2]);
                    }
                    out.write(line.append('\n').toString());
                }
                for (int i = 0; i < f.length; i += 3) { // OBJ counts vertices from 1
                    out.write("f " + (f[i] + 1) + ' ' + (f[i + 1] + 1) + ' ' + (f[i + 2] + 1) + '\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not write the OBJ mesh: " + e.getMessage(), e);
        }
    }

    static void writeStl(Mesh mesh, Path file) {
        float[] v = mesh.getVertices();
        int[] f = mesh.getFaces();
        // The 80-byte header must not start with "solid", or readers take the file for ASCII STL.
        byte[] header = String.format(Locale.ROOT, "%-80s", "binary STL written by eg3d").getBytes(StandardCharsets.US_ASCII);
        try (LittleEndianOut out = new LittleEndianOut(file)) {
            out.bytes(header).i32(mesh.getFaceCount());
            for (int i = 0; i < f.length; i += 3) {
                int a = 3 * f[i], b = 3 * f[i + 1], c = 3 * f[i + 2];
                float ux = v[b] - v[a], uy = v[b + 1] - v[a + 1], uz = v[b + 2] - v[a + 2];
                float wx = v[c] - v[a], wy = v[c + 1] - v[a + 1], wz = v[c + 2] - v[a + 2];
                float nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
                float length = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
                float scale = length > 0f ? 1f / length : 0f; // a degenerate triangle gets a zero normal
                out.f32(nx * scale).f32(ny * scale).f32(nz * scale);
                for (int corner : new int[] {a, b, c}) {
                    out.f32(v[corner]).f32(v[corner + 1]).f32(v[corner + 2]);
                }
                out.u8(0).u8(0); // attribute byte count
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not write the STL mesh: " + e.getMessage(), e);
        }
    }

    private static int toByte(float channel) {
        return Math.max(0, Math.min(255, Math.round(channel * 255f)));
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** Buffered little-endian writes; java.io's DataOutputStream only writes big-endian. */
    private static final class LittleEndianOut implements AutoCloseable {
        private final OutputStream out;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        LittleEndianOut(Path file) throws IOException {
            createParent(file);
            out = new BufferedOutputStream(Files.newOutputStream(file));
        }

        private LittleEndianOut room(int bytes) throws IOException {
            if (buffer.remaining() < bytes) {
                out.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return this;
        }

        LittleEndianOut bytes(byte[] bytes) throws IOException {
            room(buffer.capacity());
            out.write(bytes);
            return this;
        }

        LittleEndianOut u8(int value) throws IOException {
            room(1).buffer.put((byte) value);
            return this;
        }

        LittleEndianOut i32(int value) throws IOException {
            room(4).buffer.putInt(value);
            return this;
        }

        LittleEndianOut f32(float value) throws IOException {
            room(4).buffer.putFloat(value);
            return this;
        }

        @Override
        public void close() throws IOException {
            try (out) {
                out.write(buffer.array(), 0, buffer.position());
            }
        }
    }

    // ---- reading ----

    private record Property(String name, String type, @Nullable String countType) {}

    private record Element(String name, long count, List<Property> properties) {}

    static Mesh readPly(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not read the PLY mesh: " + e.getMessage(), e);
        }
        int headerEnd = indexOf(bytes, "end_header".getBytes(StandardCharsets.US_ASCII));
        if (!startsWith(bytes, "ply") || headerEnd < 0) {
            throw new IllegalArgumentException(file + ": not a PLY file (it must start with 'ply' and have 'end_header')");
        }
        int bodyStart = headerEnd + "end_header".length();
        if (bodyStart < bytes.length && bytes[bodyStart] == '\r') {
            bodyStart++;
        }
        bodyStart++; // the newline after end_header
        String format = null;
        List<Element> elements = new ArrayList<>();
        for (String line : new String(bytes, 0, headerEnd, StandardCharsets.US_ASCII).split("\r?\n")) {
            String[] t = line.trim().split("\\s+");
            switch (t[0]) {
                case "format" -> format = t.length > 1 ? t[1] : "";
                case "element" -> elements.add(new Element(t[1], Long.parseLong(t[2]), new ArrayList<>()));
                case "property" -> {
                    if (elements.isEmpty()) {
                        throw new IllegalArgumentException(file + ": PLY header has a property before any element: " + line);
                    }
                    Property p = t[1].equals("list") ? new Property(t[4], t[3], t[2]) : new Property(t[2], t[1], null);
                    elements.get(elements.size() - 1).properties().add(p);
                }
                default -> { } // ply, comment, obj_info
            }
        }
        Values values;
        if ("ascii".equals(format)) {
            values = new AsciiValues(new String(bytes, bodyStart, Math.max(0, bytes.length - bodyStart),
                    StandardCharsets.US_ASCII).trim().split("\\s+"), file);
        } else if ("binary_little_endian".equals(format) || "binary_big_endian".equals(format)) {
            ByteBuffer body = ByteBuffer.wrap(bytes, Math.min(bodyStart, bytes.length), Math.max(0, bytes.length - bodyStart))
                    .order(format.equals("binary_little_endian") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            values = new BinaryValues(body, file);
        } else {
            throw new IllegalArgumentException(file + ": PLY format '" + format
                    + "' is not supported; expected ascii, binary_little_endian or binary_big_endian");
        }
        float[] vertices = null;
        float[] colors = null;
        List<int[]> polygons = new ArrayList<>();
        for (Element element : elements) {
            List<Property> props = element.properties();
            int count = Math.toIntExact(element.count());
            if (element.name().equals("vertex")) {
                int x = find(props, "x"), y = find(props, "y"), z = find(props, "z");
                int r = find(props, "red"), g = find(props, "green"), b = find(props, "blue");
                if (x < 0 || y < 0 || z < 0) {
                    throw new IllegalArgumentException(file + ": PLY element vertex lacks an x, y or z property");
                }
                vertices = new float[3 * count];
                colors = r >= 0 && g >= 0 && b >= 0 ? new float[3 * count] : null;
                double[] row = new double[props.size()];
                for (int i = 0; i < count; i++) {
                    for (int p = 0; p < props.size(); p++) {
                        row[p] = readProperty(values, props.get(p), null);
                    }
                    vertices[3 * i] = (float) row[x];
                    vertices[3 * i + 1] = (float) row[y];
                    vertices[3 * i + 2] = (float) row[z];
                    if (colors != null) {
                        float scale = props.get(r).type().startsWith("float") || props.get(r).type().equals("double") ? 1f : 1f / 255f;
                        colors[3 * i] = (float) row[r] * scale;
                        colors[3 * i + 1] = (float) row[g] * scale;
                        colors[3 * i + 2] = (float) row[b] * scale;
                    }
                }
            } else if (element.name().equals("face")) {
                int indices = find(props, "vertex_indices");
                if (indices < 0) {
                    indices = find(props, "vertex_index");
                }
                if (indices < 0 || props.get(indices).countType() == null) {
                    throw new IllegalArgumentException(file + ": PLY element face lacks a list property vertex_indices");
                }
                for (int i = 0; i < count; i++) {
                    for (int p = 0; p < props.size(); p++) {
                        List<Integer> list = p == indices ? new ArrayList<>() : null;
                        readProperty(values, props.get(p), list);
                        if (list != null) {
                            if (list.size() < 3) {
                                throw new IllegalArgumentException(file + ": PLY face " + i + " has " + list.size()
                                        + " vertices; a face needs at least 3");
                            }
                            polygons.add(list.stream().mapToInt(Integer::intValue).toArray());
                        }
                    }
                }
            } else {
                for (long i = 0; i < element.count(); i++) {
                    for (Property p : props) {
                        readProperty(values, p, null);
                    }
                }
            }
        }
        if (vertices == null) {
            throw new IllegalArgumentException(file + ": PLY file has no vertex element");
        }
        int triangles = polygons.stream().mapToInt(p -> p.length - 2).sum();
        int[] faces = new int[3 * triangles];
        int k = 0;
        for (int[] polygon : polygons) {
            for (int i = 1; i + 1 < polygon.length; i++) { // a fan, so triangles pass through unchanged
                faces[k++] = polygon[0];
                faces[k++] = polygon[i];
                faces[k++] = polygon[i + 1];
            }
        }
        try {
            return new Mesh(vertices, faces, colors);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** One scalar, or one list whose items go into {@code items} (the list's length is returned). */
    private static double readProperty(Values values, Property p, @Nullable List<Integer> items) {
        String countType = p.countType();
        if (countType == null) {
            return values.next(p.type());
        }
        int n = (int) values.next(countType);
        for (int i = 0; i < n; i++) {
            double item = values.next(p.type());
            if (items != null) {
                items.add((int) item);
            }
        }
        return n;
    }

    private static int find(List<Property> props, String name) {
        for (int i = 0; i < props.size(); i++) {
            if (props.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        return bytes.length >= prefix.length()
                && new String(bytes, 0, prefix.length(), StandardCharsets.US_ASCII).equals(prefix);
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private interface Values {
        double next(String type);
    }

    private record AsciiValues(String[] tokens, Path file, int[] position) implements Values {
        AsciiValues(String[] tokens, Path file) {
            this(tokens, file, new int[1]);
        }

        @Override
        public double next(String type) {
            if (position[0] >= tokens.length || tokens[position[0]].isEmpty()) {
                throw new IllegalArgumentException(file + ": PLY body ends early, after " + position[0] + " values");
            }
            return Double.parseDouble(tokens[position[0]++]);
        }
    }

    private record BinaryValues(ByteBuffer body, Path file) implements Values {
        @Override
        public double next(String type) {
            try {
                return switch (type) {
                    case "char", "int8" -> body.get();
                    case "uchar", "uint8" -> body.get() & 0xFF;
                    case "short", "int16" -> body.getShort();
                    case "ushort", "uint16" -> body.getShort() & 0xFFFF;
                    case "int", "int32" -> body.getInt();
                    case "uint", "uint32" -> body.getInt() & 0xFFFFFFFFL;
                    case "float", "float32" -> body.getFloat();
                    case "double", "float64" -> body.getDouble();
                    default -> throw new IllegalArgumentException(file + ": PLY property type '" + type + "' is unknown");
                };
            } catch (java.nio.BufferUnderflowException e) {
                throw new IllegalArgumentException(file + ": PLY body ends early, at byte " + body.position()
                        + " of the data; the file is truncated", e);
            }
        }
    }
}
