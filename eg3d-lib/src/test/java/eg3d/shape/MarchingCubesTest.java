package eg3d.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class MarchingCubesTest {

    /** σ sampled on the volume's grid from a function of the world position (x, y, z). */
    interface Field {
        double at(double x, double y, double z);
    }

    static DensityVolume sample(int n, float box, Field field) {
        float[] values = new float[n * n * n];
        for (int ix = 0; ix < n; ix++) {
            for (int iy = 0; iy < n; iy++) {
                for (int iz = 0; iz < n; iz++) {
                    values[(ix * n + iy) * n + iz] = (float) field.at(coord(ix, n, box), coord(iy, n, box), coord(iz, n, box));
                }
            }
        }
        return new DensityVolume(values, n, box);
    }

    static double coord(int i, int n, float box) {
        return -box / 2.0 + i * box / (n - 1.0);
    }

    /** σ = 10 + 50 (R - |p|): dense inside a sphere of radius R, crossing the official level on its surface. */
    static DensityVolume sphere(int n, float box, double radius) {
        return sample(n, box, (x, y, z) -> 10 + 50 * (radius - Math.sqrt(x * x + y * y + z * z)));
    }

    @Test
    void sphereMeshHasTheAnalyticAreaAndVolume() {
        double r = 0.6;
        Mesh mesh = sphere(48, 2f, r).marchingCubes();
        double area = area(mesh), volume = signedVolume(mesh);
        assertEquals(4 * Math.PI * r * r, area, 0.02 * 4 * Math.PI * r * r, "area");
        assertEquals(4 / 3.0 * Math.PI * r * r * r, volume, 0.02 * 4 / 3.0 * Math.PI * r * r * r, "volume");
        float[] v = mesh.getVertices();
        double step = 2.0 / 47;
        for (int i = 0; i < v.length; i += 3) {
            double distance = Math.sqrt(v[i] * v[i] + v[i + 1] * v[i + 1] + v[i + 2] * v[i + 2]);
            assertEquals(r, distance, 0.1 * step, "vertex " + i / 3 + " lies on the sphere");
        }
    }

    @Test
    void sphereMeshIsClosedWeldedAndOfGenusZero() {
        Mesh mesh = sphere(40, 2f, 0.7).marchingCubes();
        assertClosedAndConsistent(mesh);
        assertEquals(2, eulerCharacteristic(mesh));
    }

    @Test
    void facesWindOutwardFromTheDenseSide() {
        Mesh mesh = sphere(32, 2f, 0.6).marchingCubes();
        float[] v = mesh.getVertices();
        int[] f = mesh.getFaces();
        for (int t = 0; t < f.length; t += 3) {
            double[] normal = normal(v, f[t], f[t + 1], f[t + 2]);
            int a = 3 * f[t];
            double outward = normal[0] * v[a] + normal[1] * v[a + 1] + normal[2] * v[a + 2];
            assertTrue(outward > 0, "triangle " + t / 3 + " faces the sphere's centre");
        }
        // A hollow (dense outside, empty inside) flips every face: they point into the empty ball.
        Mesh hollow = sample(32, 2f, (x, y, z) -> 10 - 50 * (0.6 - Math.sqrt(x * x + y * y + z * z))).marchingCubes();
        assertTrue(signedVolume(hollow) < 0, "faces of a hollow point toward its empty centre");
    }

    @Test
    void torusHasEulerCharacteristicZero() {
        double big = 0.5, small = 0.2;
        Mesh mesh = sample(48, 2f, (x, y, z) -> {
            double ring = Math.sqrt(x * x + y * y) - big;
            return 10 + 50 * (small - Math.sqrt(ring * ring + z * z));
        }).marchingCubes();
        assertClosedAndConsistent(mesh);
        assertEquals(0, eulerCharacteristic(mesh));
        assertEquals(2 * Math.PI * Math.PI * big * small * small, signedVolume(mesh), 0.03 * 2 * Math.PI * Math.PI * big * small * small);
    }

    @Test
    void randomFieldsGiveCrackFreeSurfacesInEveryCase() {
        // Random values hit all 256 cases, the ambiguous faces included; a crack shows up as an edge
        // used by one triangle, a bad table entry as an edge walked twice in the same direction.
        Random random = new Random(7);
        Set<Integer> casesSeen = new HashSet<>();
        for (int trial = 0; trial < 20; trial++) {
            int n = 10;
            float[] values = new float[n * n * n];
            for (int ix = 0; ix < n; ix++) {
                for (int iy = 0; iy < n; iy++) {
                    for (int iz = 0; iz < n; iz++) {
                        boolean border = ix == 0 || iy == 0 || iz == 0 || ix == n - 1 || iy == n - 1 || iz == n - 1;
                        values[(ix * n + iy) * n + iz] = border ? 0f : random.nextFloat() * 20f;
                    }
                }
            }
            for (int ix = 0; ix < n - 1; ix++) {
                for (int iy = 0; iy < n - 1; iy++) {
                    for (int iz = 0; iz < n - 1; iz++) {
                        int mask = 0;
                        for (int c = 0; c < 8; c++) {
                            int index = ((ix + (c & 1)) * n + iy + (c >> 1 & 1)) * n + iz + (c >> 2 & 1);
                            mask |= values[index] > 10f ? 1 << c : 0;
                        }
                        casesSeen.add(mask);
                    }
                }
            }
            assertClosedAndConsistent(new DensityVolume(values, n, 1f).marchingCubes());
        }
        assertTrue(casesSeen.size() > 200, "random fields reached only " + casesSeen.size() + " of 256 cases");
    }

    @Test
    void verticesAreInTheBoxWorldCoordinates() {
        // σ = 10 + 40x crosses the level on the plane x = 0, exactly halfway between grid planes 2 and 3 of 6.
        int n = 6;
        float box = 3f;
        Mesh mesh = sample(n, box, (x, y, z) -> 10 + 40 * x).marchingCubes();
        float[] v = mesh.getVertices();
        assertEquals(n * n, mesh.getVertexCount(), "one vertex per crossed x edge");
        assertEquals(2 * (n - 1) * (n - 1), mesh.getFaceCount());
        for (int i = 0; i < v.length; i += 3) {
            assertEquals(0f, v[i], 1e-6f);
            assertTrue(v[i + 1] >= -1.5f - 1e-6f && v[i + 1] <= 1.5f + 1e-6f);
        }
        // The dense side is +x, so every face points toward -x.
        int[] f = mesh.getFaces();
        for (int t = 0; t < f.length; t += 3) {
            assertTrue(normal(v, f[t], f[t + 1], f[t + 2])[0] < 0, "triangle " + t / 3 + " points toward -x");
        }
    }

    @Test
    void emptyAndFullVolumesGiveEmptyMeshes() {
        assertTrue(new DensityVolume(new float[8 * 8 * 8], 8, 1f).marchingCubes().isEmpty());
        float[] full = new float[8 * 8 * 8];
        java.util.Arrays.fill(full, 100f);
        Mesh mesh = new DensityVolume(full, 8, 1f).marchingCubes();
        assertEquals(0, mesh.getFaceCount());
        assertEquals(0, mesh.getVertexCount());
    }

    @Test
    void levelMovesTheSurface() {
        DensityVolume volume = sphere(40, 2f, 0.6);
        // σ = 10 + 50 (0.6 - r) is 20 at r = 0.4.
        double volumeAt20 = signedVolume(volume.marchingCubes(20f));
        assertEquals(4 / 3.0 * Math.PI * Math.pow(0.4, 3), volumeAt20, 0.03 * 4 / 3.0 * Math.PI * Math.pow(0.4, 3));
    }

    // ---- mesh measurements shared with the other shape tests ----

    static void assertClosedAndConsistent(Mesh mesh) {
        int[] f = mesh.getFaces();
        Map<Long, Integer> directed = new HashMap<>();
        for (int t = 0; t < f.length; t += 3) {
            for (int k = 0; k < 3; k++) {
                int a = f[t + k], b = f[t + (k + 1) % 3];
                Integer previous = directed.put(key(a, b), t / 3);
                assertTrue(previous == null, "edge " + a + "->" + b + " is walked the same way by triangles "
                        + previous + " and " + t / 3 + ": inconsistent winding or a non-manifold edge");
            }
        }
        for (long edge : directed.keySet()) {
            int a = (int) (edge >> 32), b = (int) edge;
            assertTrue(directed.containsKey(key(b, a)), "edge " + a + "-" + b + " has one triangle: the surface has a crack");
        }
    }

    static int eulerCharacteristic(Mesh mesh) {
        Set<Long> edges = new HashSet<>();
        int[] f = mesh.getFaces();
        Set<Integer> used = new HashSet<>();
        for (int t = 0; t < f.length; t += 3) {
            for (int k = 0; k < 3; k++) {
                int a = f[t + k], b = f[t + (k + 1) % 3];
                edges.add(key(Math.min(a, b), Math.max(a, b)));
                used.add(a);
            }
        }
        return used.size() - edges.size() + mesh.getFaceCount();
    }

    static double area(Mesh mesh) {
        float[] v = mesh.getVertices();
        int[] f = mesh.getFaces();
        double sum = 0;
        for (int t = 0; t < f.length; t += 3) {
            double[] n = normal(v, f[t], f[t + 1], f[t + 2]);
            sum += Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]) / 2;
        }
        return sum;
    }

    /** Σ a·(b×c)/6 over triangles: the enclosed volume, positive when faces wind outward. */
    static double signedVolume(Mesh mesh) {
        float[] v = mesh.getVertices();
        int[] f = mesh.getFaces();
        double sum = 0;
        for (int t = 0; t < f.length; t += 3) {
            int a = 3 * f[t], b = 3 * f[t + 1], c = 3 * f[t + 2];
            sum += (v[a] * ((double) v[b + 1] * v[c + 2] - (double) v[b + 2] * v[c + 1])
                    - v[a + 1] * ((double) v[b] * v[c + 2] - (double) v[b + 2] * v[c])
                    + v[a + 2] * ((double) v[b] * v[c + 1] - (double) v[b + 1] * v[c])) / 6;
        }
        return sum;
    }

    /** (b - a) × (c - a), not normalised. */
    static double[] normal(float[] v, int ia, int ib, int ic) {
        int a = 3 * ia, b = 3 * ib, c = 3 * ic;
        double ux = v[b] - v[a], uy = v[b + 1] - v[a + 1], uz = v[b + 2] - v[a + 2];
        double wx = v[c] - v[a], wy = v[c + 1] - v[a + 1], wz = v[c + 2] - v[a + 2];
        return new double[] {uy * wz - uz * wy, uz * wx - ux * wz, ux * wy - uy * wx};
    }

    private static long key(int a, int b) {
        return (long) a << 32 | (b & 0xFFFFFFFFL);
    }
}
