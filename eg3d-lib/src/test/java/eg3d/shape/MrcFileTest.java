package eg3d.shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MrcFileTest {
    @TempDir
    Path dir;

    /** The official gen_samples.py --shapes output for the tiny fixture (32³), written by mrcfile. */
    static Path officialMrc() {
        return eg3d.TestFixtures.require("official/tiny/gen_samples/seed0000.mrc");
    }

    @Test
    void officialVolumeReadsWithItsHeaderAndData() throws IOException {
        Path official = officialMrc();
        DensityVolume volume = DensityVolume.readMrc(official);
        assertEquals(32, volume.getResolution());
        assertEquals(DensityVolume.DEFAULT_BOX_SIZE, volume.getBoxSize(), "voxel size 0 in the file gives the default box");
        MrcFile.Header h = MrcFile.read(official).header();
        assertEquals(List.of(32, 32, 32, 2, 1, 2, 3, 1, 0, 20141),
                List.of(h.nx(), h.ny(), h.nz(), h.mode(), h.mapc(), h.mapr(), h.maps(), h.ispg(), h.nsymbt(), h.nversion()));
        assertEquals(0f, h.voxelSizeX());
        assertEquals(ByteOrder.LITTLE_ENDIAN, h.byteOrder());
        // shape.json: the raw σ range, with the -1000 border written over it.
        float[] v = volume.getValues();
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertEquals(-1000f, min);
        assertEquals(33.75211715698242f, max, 0f);
        assertEquals(-1000f, volume.get(0, 16, 16), "border of int(30·32/256) = 3 voxels");
        assertEquals(-1000f, volume.get(16, 16, 2));
        assertTrue(volume.get(16, 16, 16) > -1000f);
        // The data section is our flat array as-is: the first value past the header is (0,0,0).
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(official)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(raw.getFloat(1024 + 4 * ((16 * 32 + 17) * 32 + 18)), volume.get(16, 17, 18));
    }

    @Test
    void officialVolumeWritesBackWithIdenticalDataAndHeader() throws IOException {
        Path official = officialMrc();
        Path copy = dir.resolve("copy.mrc");
        DensityVolume.readMrc(official).writeMrc(copy);
        byte[] want = Files.readAllBytes(official), got = Files.readAllBytes(copy);
        assertEquals(want.length, got.length, "file length");
        assertArrayEquals(Arrays.copyOfRange(want, 1024, want.length), Arrays.copyOfRange(got, 1024, got.length),
                "data bytes");
        // Every header byte matches except the statistics (dmin, dmax, dmean at 76-87, rms at 216-219),
        // which the official writer leaves at mrcfile's "not computed" markers, and the label's text.
        for (int i = 0; i < 1024; i++) {
            boolean stats = (i >= 76 && i < 88) || (i >= 216 && i < 220);
            boolean label = i >= 224 && i < 304;
            if (!stats && !label) {
                assertEquals(want[i], got[i], "header byte " + i);
            }
        }
        MrcFile.Header a = MrcFile.read(official).header(), b = MrcFile.read(copy).header();
        assertEquals(withoutStatsAndLabels(a), withoutStatsAndLabels(b));
        assertEquals(List.of(0f, -1f, -2f, -1f), List.of(a.dmin(), a.dmax(), a.dmean(), a.rms()),
                "the official file carries mrcfile's markers for statistics it never computed");
        assertTrue(b.labels().get(0).startsWith("Created by eg3d"), b.labels().get(0));
    }

    @Test
    void writtenStatisticsAreTheDataStatistics() {
        float[] values = new float[27];
        for (int i = 0; i < values.length; i++) {
            values[i] = i - 5f;
        }
        Path file = dir.resolve("stats.mrc");
        new DensityVolume(values, 3, 0.5f).writeMrc(file);
        MrcFile.Header h = MrcFile.read(file).header();
        assertEquals(-5f, h.dmin());
        assertEquals(21f, h.dmax());
        assertEquals(8f, h.dmean(), 1e-6f);
        assertEquals((float) Math.sqrt((27 * 27 - 1) / 12.0), h.rms(), 1e-5f, "rms is the deviation from the mean");
        DensityVolume back = DensityVolume.readMrc(file, 0.5f);
        assertArrayEquals(values, back.getValues());
        assertEquals(0.5f, back.getBoxSize());
        assertEquals(3, back.getResolution());
    }

    @Test
    void badModeIsRefusedByName() throws IOException {
        Path file = validFile("mode.mrc");
        patchInt(file, 12, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DensityVolume.readMrc(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("'mode' is 1 (int16)"), e.getMessage());
        assertTrue(e.getMessage().contains("only mode 2 (float32)"), e.getMessage());
    }

    @Test
    void truncatedDataIsRefusedWithTheMissingByteCount() throws IOException {
        Path file = validFile("short.mrc");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DensityVolume.readMrc(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated: a 4³ float32 volume needs 256 bytes after the 1024-byte header, "
                + "but the file has 246"), e.getMessage());
    }

    @Test
    void wrongStampsAreRefusedByField() throws IOException {
        Path map = validFile("map.mrc");
        patchInt(map, 208, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DensityVolume.readMrc(map));
        assertTrue(e.getMessage().contains(map + ": header field 'map' (bytes 208-211) is '\\x00\\x00\\x00\\x00', expected 'MAP '"),
                e.getMessage());

        Path machine = validFile("machst.mrc");
        patchInt(machine, 212, 0x0000_2222);
        e = assertThrows(IllegalArgumentException.class, () -> DensityVolume.readMrc(machine));
        assertTrue(e.getMessage().contains("'machst' (bytes 212-215) is 22 22 00 00"), e.getMessage());

        Path tiny = dir.resolve("tiny.mrc");
        Files.write(tiny, new byte[100]);
        e = assertThrows(IllegalArgumentException.class, () -> DensityVolume.readMrc(tiny));
        assertTrue(e.getMessage().contains("100 bytes, shorter than the 1024-byte MRC header"), e.getMessage());
    }

    @Test
    void nonCubicVolumesAreRefused() throws IOException {
        Path file = validFile("box.mrc");
        patchInt(file, 8, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DensityVolume.readMrc(file));
        assertTrue(e.getMessage().contains("'nx', 'ny', 'nz' are 4, 4, 2"), e.getMessage());
    }

    @Test
    void bigEndianFilesRead() throws IOException {
        float[] values = new float[8];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 1.5f;
        }
        MrcFile.Header h = MrcFile.Header.ofCube(2, 0, 10.5f, 5.25f, 1f, "big");
        h = new MrcFile.Header(h.nx(), h.ny(), h.nz(), h.mode(), 0, 0, 0, 2, 2, 2, 3f, 3f, 3f, 90, 90, 90, 1, 2, 3,
                h.dmin(), h.dmax(), h.dmean(), 1, 0, 0, h.nversion(), 0, 0, 0, "MAP ", ByteOrder.BIG_ENDIAN, 1f, h.labels());
        ByteBuffer file = ByteBuffer.allocate(1024 + 32).order(ByteOrder.BIG_ENDIAN);
        file.put(h.encode());
        for (float v : values) {
            file.putFloat(v);
        }
        Path path = dir.resolve("big.mrc");
        Files.write(path, file.array());
        DensityVolume volume = DensityVolume.readMrc(path);
        assertArrayEquals(values, volume.getValues());
        assertEquals(1.5f, volume.getBoxSize(), "cell 3 over 2 voxels is a spacing of 1.5, and the box spans one spacing");
    }

    private static MrcFile.Header withoutStatsAndLabels(MrcFile.Header h) {
        return new MrcFile.Header(h.nx(), h.ny(), h.nz(), h.mode(), h.nxstart(), h.nystart(), h.nzstart(), h.mx(),
                h.my(), h.mz(), h.cellA(), h.cellB(), h.cellC(), h.alpha(), h.beta(), h.gamma(), h.mapc(), h.mapr(),
                h.maps(), 0, 0, 0, h.ispg(), h.nsymbt(), h.exttyp(), h.nversion(), h.originX(), h.originY(),
                h.originZ(), h.map(), h.byteOrder(), 0, List.of());
    }

    private Path validFile(String name) {
        Path file = dir.resolve(name);
        new DensityVolume(new float[64], 4, 1f).writeMrc(file);
        return file;
    }

    private static void patchInt(Path file, int offset, int value) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        Files.write(file, bytes);
    }
}
