package eg3d.shape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshTest {
    @TempDir
    Path dir;

    /** A unit right tetrahedron, faces wound outward. */
    static Mesh tetrahedron() {
        float[] vertices = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1};
        int[] faces = {0, 2, 1, 0, 1, 3, 0, 3, 2, 1, 2, 3};
        return new Mesh(vertices, faces);
    }

    @Test
    void binaryPlyReadsBackExactly() {
        Mesh mesh = MarchingCubesTest.sphere(16, 2f, 0.6).marchingCubes();
        Path file = dir.resolve("sphere.ply");
        mesh.writePly(file);
        Mesh back = Mesh.readPly(file);
        assertArrayEquals(mesh.getVertices(), back.getVertices());
        assertArrayEquals(mesh.getFaces(), back.getFaces());
        assertNull(back.getColors());
    }

    @Test
    void plyColoursRoundTripAsBytes() throws IOException {
        float[] colors = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0.5f, 0.25f, 0f};
        Mesh mesh = tetrahedron().withColors(colors);
        Path file = dir.resolve("colored.ply");
        mesh.writePly(file);
        String header = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("ply\nformat binary_little_endian 1.0\n"), header);
        assertTrue(header.contains("property uchar red\nproperty uchar green\nproperty uchar blue\n"));
        assertEquals(header.indexOf("end_header\n") + 11 + 4 * 15 + 4 * 13, Files.size(file),
                "header, then 4 vertices of 3 floats and 3 bytes, then 4 faces of a count byte and 3 ints");
        float[] back = Mesh.readPly(file).getColors();
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 128 / 255f, 64 / 255f, 0}, back, 1e-7f);
    }

    @Test
    void asciiPlyWithQuadsReads() throws IOException {
        Path file = dir.resolve("quad.ply");
        Files.writeString(file, String.join("\n",
                "ply", "format ascii 1.0", "comment a unit square", "element vertex 4",
                "property float x", "property float y", "property float z", "property float confidence",
                "element face 1", "property list uchar int vertex_indices", "end_header",
                "0 0 0 1", "1 0 0 1", "1 1 0 1", "0 1 0 1", "4 0 1 2 3", ""));
        Mesh mesh = Mesh.readPly(file);
        assertEquals(4, mesh.getVertexCount());
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, mesh.getFaces(), "the quad as a fan of two triangles");
        assertArrayEquals(new float[] {1, 1, 0}, java.util.Arrays.copyOfRange(mesh.getVertices(), 6, 9));
    }

    @Test
    void truncatedBinaryPlyIsRefused() throws IOException {
        Path file = dir.resolve("cut.ply");
        tetrahedron().writePly(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mesh.readPly(file));
        assertTrue(e.getMessage().startsWith(file + ": PLY body ends early"), e.getMessage());
    }

    @Test
    void objListsColouredVerticesAndOneBasedFaces() throws IOException {
        Path file = dir.resolve("tet.obj");
        tetrahedron().withColors(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1}).write(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals("# eg3d mesh: 4 vertices, 4 faces", lines.get(0));
        assertEquals("v 1.0 0.0 0.0 0.0 1.0 0.0", lines.get(2));
        assertEquals("f 1 3 2", lines.get(5));
        assertEquals(9, lines.size());
    }

    @Test
    void stlHasOutwardUnitNormals() throws IOException {
        Path file = dir.resolve("tet.stl");
        tetrahedron().write(file);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(84 + 4 * 50, b.capacity());
        assertTrue(!new String(b.array(), 0, 5, StandardCharsets.US_ASCII).equals("solid"), "not mistaken for ASCII STL");
        assertEquals(4, b.getInt(80));
        // Triangle 0 (0, 2, 1) lies in z = 0 and faces -z; triangle 3 faces (1,1,1)/√3.
        assertArrayEquals(new float[] {0, 0, -1}, new float[] {b.getFloat(84), b.getFloat(88), b.getFloat(92)});
        float s = (float) (1 / Math.sqrt(3));
        int t3 = 84 + 3 * 50;
        assertArrayEquals(new float[] {s, s, s}, new float[] {b.getFloat(t3), b.getFloat(t3 + 4), b.getFloat(t3 + 8)}, 1e-6f);
        assertArrayEquals(new float[] {1, 0, 0}, new float[] {b.getFloat(t3 + 12), b.getFloat(t3 + 16), b.getFloat(t3 + 20)});
    }

    @Test
    void unknownExtensionIsRefused() {
        Path file = dir.resolve("mesh.xyz");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tetrahedron().write(file));
        assertEquals(file + ": unknown mesh format; name the file .ply, .obj or .stl", e.getMessage());
    }

    @Test
    void inconsistentArraysAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Mesh(new float[] {0, 0, 0, 1, 1, 1}, new int[] {0, 1, 2}));
        assertEquals("mesh faces[2] (triangle 0) = 2 is outside the 2 vertices", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tetrahedron().withColors(new float[3]));
        assertEquals("mesh colors: length 3, expected 12 (r, g, b for each of the 4 vertices)", e.getMessage());
    }
}
