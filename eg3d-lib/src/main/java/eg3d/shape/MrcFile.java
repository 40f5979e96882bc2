package eg3d.shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MRC2014 volumes (https://www.ccpem.ac.uk/mrc_format/mrc2014.php), mode 2 (float32) only: a
 * 1024-byte header, an optional extended header of nsymbt bytes, then nx·ny·nz floats with the first
 * header axis fastest. The official export writes numpy's [x,y,z] volume as-is, so our flat array
 * (z fastest) is the file's data order.
 */
final class MrcFile {
    static final int HEADER_BYTES = 1024;
    static final int MODE_FLOAT32 = 2;
    static final int NVERSION = 20141; // MRC2014, version 1, as the official writer stamps it
    private static final int CHUNK_FLOATS = 1 << 18;

    private MrcFile() {}

    /** The header words we read and write; the unused "extra" bytes are written as zeros. */
    record Header(int nx, int ny, int nz, int mode, int nxstart, int nystart, int nzstart,
            int mx, int my, int mz, float cellA, float cellB, float cellC,
            float alpha, float beta, float gamma, int mapc, int mapr, int maps,
            float dmin, float dmax, float dmean, int ispg, int nsymbt, int exttyp, int nversion,
            float originX, float originY, float originZ, String map, ByteOrder byteOrder,
            float rms, List<String> labels) {

        /**
         * The header of an n³ float32 volume as the official export writes it: voxel size 0, angles
         * 90°, axes 1/2/3, space group 1 (a volume, not a stack). Unlike the official file, whose
         * statistics keep mrcfile's "not computed" markers (dmin 0 &gt; dmax -1, dmean -2, rms -1),
         * ours carry the real values, which viewers use for their default contrast.
         */
        static Header ofCube(int n, float dmin, float dmax, float dmean, float rms, String label) {
            return new Header(n, n, n, MODE_FLOAT32, 0, 0, 0, n, n, n, 0f, 0f, 0f, 90f, 90f, 90f, 1, 2, 3,
                    dmin, dmax, dmean, 1, 0, 0, NVERSION, 0f, 0f, 0f, "MAP ", ByteOrder.LITTLE_ENDIAN,
                    rms, List.of(label));
        }

        /** Voxel size along x in the file's length unit; 0 when the writer left it unset. */
        float voxelSizeX() {
            return mx == 0 ? 0f : cellA / mx;
        }

        ByteBuffer encode() {
            ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(byteOrder);
            b.putInt(nx).putInt(ny).putInt(nz).putInt(mode).putInt(nxstart).putInt(nystart).putInt(nzstart)
                    .putInt(mx).putInt(my).putInt(mz).putFloat(cellA).putFloat(cellB).putFloat(cellC)
                    .putFloat(alpha).putFloat(beta).putFloat(gamma).putInt(mapc).putInt(mapr).putInt(maps)
                    .putFloat(dmin).putFloat(dmax).putFloat(dmean).putInt(ispg).putInt(nsymbt);
            b.putInt(104, exttyp).putInt(108, nversion);
            b.putFloat(196, originX).putFloat(200, originY).putFloat(204, originZ);
            b.put(208, map.getBytes(StandardCharsets.US_ASCII), 0, 4);
            // Machine stamp: 0x44 0x44 for little-endian, 0x11 0x11 for big-endian, then two zeros.
            byte stamp = byteOrder == ByteOrder.LITTLE_ENDIAN ? (byte) 0x44 : (byte) 0x11;
            b.put(212, stamp).put(213, stamp);
            b.putFloat(216, rms).putInt(220, labels.size());
            for (int i = 0; i < labels.size(); i++) {
                byte[] text = String.format(Locale.ROOT, "%-80s", labels.get(i)).getBytes(StandardCharsets.US_ASCII);
                b.put(224 + 80 * i, text, 0, 80);
            }
            return b.clear();
        }

        static Header decode(ByteBuffer raw, Path file) {
            String map = new String(new byte[] {raw.get(208), raw.get(209), raw.get(210), raw.get(211)},
                    StandardCharsets.US_ASCII);
            if (!map.equals("MAP ")) {
                throw new IllegalArgumentException(file + ": header field 'map' (bytes 208-211) is '"
                        + printable(map) + "', expected 'MAP '. This is not an MRC2014 file; older MRC "
                        + "formats are not supported, re-save it with a current MRC writer such as mrcfile.");
            }
            int stamp = raw.get(212) & 0xFF;
            ByteOrder order;
            if (stamp == 0x44) {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (stamp == 0x11) {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                throw new IllegalArgumentException(file + String.format(Locale.ROOT, ": header field 'machst' "
                        + "(bytes 212-215) is %02x %02x %02x %02x, expected 44 44 00 00 (little-endian) or "
                        + "11 11 00 00 (big-endian); the file's byte order is unknown.",
                        raw.get(212), raw.get(213), raw.get(214), raw.get(215)));
            }
            ByteBuffer b = raw.duplicate().order(order).clear();
            int nlabl = b.getInt(220);
            if (nlabl < 0 || nlabl > 10) {
                throw new IllegalArgumentException(file + ": header field 'nlabl' is " + nlabl + ", expected 0 to 10");
            }
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < nlabl; i++) {
                byte[] text = new byte[80];
                b.get(224 + 80 * i, text);
                labels.add(new String(text, StandardCharsets.US_ASCII).stripTrailing());
            }
            return new Header(b.getInt(0), b.getInt(4), b.getInt(8), b.getInt(12), b.getInt(16), b.getInt(20),
                    b.getInt(24), b.getInt(28), b.getInt(32), b.getInt(36), b.getFloat(40), b.getFloat(44),
                    b.getFloat(48), b.getFloat(52), b.getFloat(56), b.getFloat(60), b.getInt(64), b.getInt(68),
                    b.getInt(72), b.getFloat(76), b.getFloat(80), b.getFloat(84), b.getInt(88), b.getInt(92),
                    b.getInt(104), b.getInt(108), b.getFloat(196), b.getFloat(200), b.getFloat(204), map, order,
                    b.getFloat(216), List.copyOf(labels));
        }

        private static String printable(String s) {
            StringBuilder out = new StringBuilder();
            for (char c : s.toCharArray()) {
                out.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format(Locale.ROOT, "\\x%02x", (int) c));
            }
            return out.toString();
        }
    }

    /** A volume read from disk: its header and its values in file order. */
    record Contents(Header header, float[] values) {}

    static void write(Path file, float[] values, int n) {
        double sum = 0;
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        double squares = 0;
        for (float v : values) { // two passes: the one-pass E[x²] - E[x]² cancels badly on σ volumes
            squares += (v - mean) * (v - mean);
        }
        // MRC2014 defines rms as the deviation from the mean, not the root of the mean square.
        float rms = (float) Math.sqrt(squares / values.length);
        String label = String.format(Locale.ROOT, "%-40s%s", "Created by eg3d",
                LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        Header header = Header.ofCube(n, min, max, (float) mean, rms, label);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(out, header.encode());
                ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
                for (int start = 0; start < values.length; start += CHUNK_FLOATS) {
                    int count = Math.min(CHUNK_FLOATS, values.length - start);
                    chunk.clear();
                    chunk.asFloatBuffer().put(values, start, count);
                    chunk.limit(4 * count);
                    writeFully(out, chunk);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not write the MRC volume: " + e.getMessage(), e);
        }
    }

    static Contents read(Path file) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < HEADER_BYTES) {
                throw new IllegalArgumentException(file + ": the file is " + size
                        + " bytes, shorter than the 1024-byte MRC header; it is not an MRC file or it is truncated.");
            }
            ByteBuffer raw = ByteBuffer.allocate(HEADER_BYTES);
            readFully(in, raw, 0);
            Header h = Header.decode(raw, file);
            if (h.mode() != MODE_FLOAT32) {
                throw new IllegalArgumentException(file + ": header field 'mode' is " + h.mode() + " ("
                        + modeName(h.mode()) + "); only mode 2 (float32) is supported. Convert it, e.g. with "
                        + "mrcfile: mrc.set_data(mrc.data.astype(numpy.float32)).");
            }
            if (h.nx() <= 0 || h.nx() != h.ny() || h.nx() != h.nz()) {
                throw new IllegalArgumentException(file + ": header fields 'nx', 'ny', 'nz' are " + h.nx() + ", "
                        + h.ny() + ", " + h.nz() + "; a density volume must be a cube (nx = ny = nz > 0).");
            }
            if (h.mapc() != 1 || h.mapr() != 2 || h.maps() != 3) {
                throw new IllegalArgumentException(file + ": header fields 'mapc', 'mapr', 'maps' are " + h.mapc()
                        + ", " + h.mapr() + ", " + h.maps() + "; only the standard axis order 1, 2, 3 is supported.");
            }
            if (h.nsymbt() < 0) {
                throw new IllegalArgumentException(file + ": header field 'nsymbt' is " + h.nsymbt()
                        + "; the extended header length cannot be negative.");
            }
            long n = h.nx();
            long count = n * n * n;
            if (count > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + ": a " + n + "³ volume has more values than a Java array holds.");
            }
            long start = HEADER_BYTES + (long) h.nsymbt();
            long needed = 4 * count;
            if (size - start < needed) {
                throw new IllegalArgumentException(file + ": the data is truncated: a " + n + "³ float32 volume needs "
                        + needed + " bytes after the " + start + "-byte header, but the file has " + Math.max(0, size - start)
                        + ". Re-export the volume.");
            }
            float[] values = new float[(int) count];
            ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_FLOATS);
            for (int done = 0; done < values.length; ) {
                int floats = Math.min(CHUNK_FLOATS, values.length - done);
                chunk.clear().limit(4 * floats);
                readFully(in, chunk, start + 4L * done);
                FloatBuffer asFloats = chunk.flip().order(h.byteOrder()).asFloatBuffer();
                asFloats.get(values, done, floats);
                done += floats;
            }
            return new Contents(h, values);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not read the MRC volume: " + e.getMessage(), e);
        }
    }

    private static String modeName(int mode) {
        return switch (mode) {
            case 0 -> "int8";
            case 1 -> "int16";
            case 3 -> "complex int16";
            case 4 -> "complex float32";
            case 6 -> "uint16";
            case 12 -> "float16";
            default -> "unknown";
        };
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static void readFully(FileChannel in, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = in.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += read;
        }
    }
}
