package eg3d.shape;

import java.util.Arrays;

/**
 * Marching cubes (Lorensen and Cline, 1987) over a {@link DensityVolume}: the surface where the
 * density crosses {@code level}, with the inside being {@code value > level}.
 *
 * <p>The 256-case table is built at class load from one rule instead of being typed in. On every cube
 * face, the crossing where the face boundary (counter-clockwise seen from outside the cube) enters
 * the inside is joined to the next crossing where it leaves. Chaining these face segments gives the
 * closed polygons of each case. Because the rule looks at one face's four corners only, two cubes
 * sharing a face always cut it the same way, so the surface has no cracks; on ambiguous faces
 * (inside corners on a diagonal) it keeps the inside corners apart. Travelling with the inside on
 * the right, seen from outside, makes every polygon counter-clockwise around the normal that points
 * from high to low density, so faces wind outward.
 */
final class MarchingCubes {
    // Corner c sits at offset (c & 1, c >> 1 & 1, c >> 2 & 1) along (x, y, z).
    private static final int[][] EDGE_CORNERS = new int[12][];  // edge → {lower corner, upper corner}
    private static final int[][] EDGE_OF = new int[8][8];       // corner pair → edge, or -1
    private static final int[][] FACE_CORNERS = new int[6][];   // counter-clockwise seen from outside
    private static final int[][] TRIANGLES = new int[256][];    // case → edges, three per triangle

    static {
        for (int[] row : EDGE_OF) {
            Arrays.fill(row, -1);
        }
        int edge = 0;
        for (int a = 0; a < 8; a++) {
            for (int axis = 0; axis < 3; axis++) {
                if ((a >> axis & 1) == 0) {
                    int b = a | 1 << axis;
                    EDGE_CORNERS[edge] = new int[] {a, b};
                    EDGE_OF[a][b] = EDGE_OF[b][a] = edge++;
                }
            }
        }
        int face = 0;
        for (int axis = 0; axis < 3; axis++) {
            int u = (axis + 1) % 3, v = (axis + 2) % 3; // e_u × e_v = e_axis
            for (int side = 0; side < 2; side++) {
                // (u, v) = (0,0) (1,0) (1,1) (0,1) turns counter-clockwise around +e_axis.
                int[][] uv = side == 1 ? new int[][] {{0, 0}, {1, 0}, {1, 1}, {0, 1}}
                                       : new int[][] {{0, 0}, {0, 1}, {1, 1}, {1, 0}};
                int[] corners = new int[4];
                for (int i = 0; i < 4; i++) {
                    corners[i] = side << axis | uv[i][0] << u | uv[i][1] << v;
                }
                FACE_CORNERS[face++] = corners;
            }
        }
        for (int mask = 0; mask < 256; mask++) {
            TRIANGLES[mask] = triangulate(mask);
        }
    }

    private MarchingCubes() {}

    /** The triangles of one case, as edge indices; corner c is inside when bit c of mask is set. */
    private static int[] triangulate(int mask) {
        int[] next = new int[12];
        Arrays.fill(next, -1);
        for (int[] f : FACE_CORNERS) {
            for (int j = 0; j < 4; j++) {
                if (!inside(mask, f[j]) && inside(mask, f[(j + 1) % 4])) {
                    int k = j + 1;
                    while (!(inside(mask, f[k % 4]) && !inside(mask, f[(k + 1) % 4]))) {
                        k++;
                    }
                    next[EDGE_OF[f[j]][f[(j + 1) % 4]]] = EDGE_OF[f[k % 4]][f[(k + 1) % 4]];
                }
            }
        }
        int[] triangles = new int[36];
        int count = 0;
        boolean[] used = new boolean[12];
        for (int start = 0; start < 12; start++) {
            if (next[start] < 0 || used[start]) {
                continue;
            }
            int[] loop = new int[12];
            int length = 0;
            for (int e = start; !used[e]; e = next[e]) {
                used[e] = true;
                loop[length++] = e;
            }
            for (int i = 1; i + 1 < length; i++) { // a fan over the loop
                triangles[count++] = loop[0];
                triangles[count++] = loop[i];
                triangles[count++] = loop[i + 1];
            }
        }
        return Arrays.copyOf(triangles, count);
    }

    private static boolean inside(int mask, int corner) {
        return (mask >> corner & 1) != 0;
    }

    /**
     * The iso-surface of values [n,n,n] (index ix*n*n + iy*n + iz). Grid point i lies at
     * -boxSize/2 + i*boxSize/(n-1) on each axis, as in the official sampler, so vertices are in the
     * box's world coordinates. One vertex per crossed grid edge, shared by every triangle that uses
     * the edge.
     */
    static Mesh extract(float[] values, int n, float boxSize, float level) {
        float step = boxSize / (n - 1);
        float origin = -boxSize / 2f;
        int plane = n * n;
        FloatList vertices = new FloatList();
        IntList faces = new IntList();
        // Vertex index per grid edge, -1 until made. Y and Z edges lie in a grid plane x = const, so
        // two planes are kept (the cube layer's near and far plane); X edges span the layer itself.
        int[][][] planeEdges = new int[2][2][plane];  // [near/far][axis - 1][iy*n + iz]
        int[] xEdges = new int[plane];
        for (int[][] p : planeEdges) {
            for (int[] a : p) {
                Arrays.fill(a, -1);
            }
        }
        int[] cubeVertex = new int[12];
        float[] corner = new float[8];
        for (int ix = 0; ix < n - 1; ix++) {
            Arrays.fill(xEdges, -1);
            int near = ix & 1, far = near ^ 1;
            for (int iy = 0; iy < n - 1; iy++) {
                for (int iz = 0; iz < n - 1; iz++) {
                    int base = ix * plane + iy * n + iz;
                    int mask = 0;
                    for (int c = 0; c < 8; c++) {
                        corner[c] = values[base + (c & 1) * plane + (c >> 1 & 1) * n + (c >> 2 & 1)];
                        if (corner[c] > level) {
                            mask |= 1 << c;
                        }
                    }
                    int[] triangles = TRIANGLES[mask];
                    if (triangles.length == 0) {
                        continue;
                    }
                    Arrays.fill(cubeVertex, -1);
                    for (int e : triangles) {
                        if (cubeVertex[e] >= 0) {
                            continue;
                        }
                        int a = EDGE_CORNERS[e][0], b = EDGE_CORNERS[e][1];
                        int axis = Integer.numberOfTrailingZeros(a ^ b);
                        int dx = a & 1, dy = a >> 1 & 1, dz = a >> 2 & 1;
                        int[] slot = axis == 0 ? xEdges : planeEdges[dx == 0 ? near : far][axis - 1];
                        int key = (iy + dy) * n + iz + dz;
                        if (slot[key] < 0) {
                            float t = (level - corner[a]) / (corner[b] - corner[a]);
                            if (!(t >= 0f && t <= 1f)) {
                                t = 0.5f; // only for NaN values, which count as outside
                            }
                            slot[key] = vertices.size() / 3;
                            vertices.add(origin + (ix + dx + (axis == 0 ? t : 0f)) * step);
                            vertices.add(origin + (iy + dy + (axis == 1 ? t : 0f)) * step);
                            vertices.add(origin + (iz + dz + (axis == 2 ? t : 0f)) * step);
                        }
                        cubeVertex[e] = slot[key];
                    }
                    for (int e : triangles) {
                        faces.add(cubeVertex[e]);
                    }
                }
            }
            for (int[] a : planeEdges[near]) { // the near plane becomes the next layer's far plane
                Arrays.fill(a, -1);
            }
        }
        return new Mesh(vertices.toArray(), faces.toArray(), null);
    }

    /** A growable float[]; meshes from 512³ volumes have millions of vertices, so no boxing. */
    private static final class FloatList {
        private float[] data = new float[3 * 1024];
        private int size;

        void add(float value) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = value;
        }

        int size() {
            return size;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    private static final class IntList {
        private int[] data = new int[3 * 1024];
        private int size;

        void add(int value) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
