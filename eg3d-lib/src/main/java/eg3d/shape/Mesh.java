package eg3d.shape;

import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A triangle mesh: vertices [V,3] (x, y, z), faces [F,3] (vertex indices, counter-clockwise seen from
 * outside) and optional per-vertex colours [V,3] (r, g, b in [0, 1]), each as a flat array.
 *
 * <p>The arrays are shared, not copied, since meshes from 512³ volumes run to millions of vertices;
 * do not change them after construction.
 */
public final class Mesh {
    private final float[] vertices;
    private final int[] faces;
    private final float @Nullable [] colors;

    /** Checks that the arrays fit together: whole vertices and faces, indices in range, one colour per vertex. */
    public Mesh(float[] vertices, int[] faces, float @Nullable [] colors) {
        if (vertices.length % 3 != 0) {
            throw new IllegalArgumentException("mesh vertices: length " + vertices.length
                    + " is not a multiple of 3 (x, y, z per vertex)");
        }
        if (faces.length % 3 != 0) {
            throw new IllegalArgumentException("mesh faces: length " + faces.length
                    + " is not a multiple of 3 (three vertex indices per triangle)");
        }
        int vertexCount = vertices.length / 3;
        for (int i = 0; i < faces.length; i++) {
            if (faces[i] < 0 || faces[i] >= vertexCount) {
                throw new IllegalArgumentException("mesh faces[" + i + "] (triangle " + i / 3 + ") = " + faces[i]
                        + " is outside the " + vertexCount + " vertices");
            }
        }
        if (colors != null && colors.length != vertices.length) {
            throw new IllegalArgumentException("mesh colors: length " + colors.length + ", expected "
                    + vertices.length + " (r, g, b for each of the " + vertexCount + " vertices)");
        }
        this.vertices = vertices;
        this.faces = faces;
        this.colors = colors;
    }

    /** A mesh without colours. */
    public Mesh(float[] vertices, int[] faces) {
        this(vertices, faces, null);
    }

    /** x, y, z per vertex. */
    public float[] getVertices() {
        return vertices;
    }

    /** Three vertex indices per triangle. */
    public int[] getFaces() {
        return faces;
    }

    /** r, g, b in [0, 1] per vertex, or null when the mesh has no colours. */
    public float @Nullable [] getColors() {
        return colors;
    }

    public int getVertexCount() {
        return vertices.length / 3;
    }

    public int getFaceCount() {
        return faces.length / 3;
    }

    public boolean isEmpty() {
        return faces.length == 0;
    }

    /** The same geometry with these per-vertex colours (r, g, b in [0, 1]). */
    public Mesh withColors(float[] colors) {
        return new Mesh(vertices, faces, colors);
    }

    /** Binary little-endian PLY, with uchar red/green/blue when the mesh has colours. */
    public void writePly(Path file) {
        MeshFiles.writePly(this, file);
    }

    /** Wavefront OBJ; colours, when present, follow each vertex as {@code v x y z r g b}. */
    public void writeObj(Path file) {
        MeshFiles.writeObj(this, file);
    }

    /** Binary STL with a unit normal per triangle; STL has no colours, so they are dropped. */
    public void writeStl(Path file) {
        MeshFiles.writeStl(this, file);
    }

    /** Writes PLY, OBJ or STL, chosen by the file's extension. */
    public void write(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ply")) {
            writePly(file);
        } else if (name.endsWith(".obj")) {
            writeObj(file);
        } else if (name.endsWith(".stl")) {
            writeStl(file);
        } else {
            throw new IllegalArgumentException(file + ": unknown mesh format; name the file .ply, .obj or .stl");
        }
    }

    /** Reads a PLY file, ASCII or binary, with optional red/green/blue; polygons are split into triangles. */
    public static Mesh readPly(Path file) {
        return MeshFiles.readPly(file);
    }

    @Override
    public String toString() {
        return "Mesh[" + getVertexCount() + " vertices, " + getFaceCount() + " faces"
                + (colors == null ? "" : ", colored") + "]";
    }
}
