package eg3d.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.nn.Shapes;
import eg3d.nn.Owned;

/**
 * One ray per pixel through the pixel centre: uv = (index + 0.5)/R, with index = row·R + col.
 * Pixels lift through the normalised intrinsics to camera space (OpenCV: x right, y down, z
 * forward) and then through cam2world; directions are unit length, origins the camera centre.
 *
 * <p>Computed on the host in float32 with fused multiply-adds where the reference's compiled
 * kernels use them (the 4×4 transform and the norm). The renderer's surfaces are sharp enough that
 * a one-ulp change in a ray direction changes densities by 1e-3, so bit-identical rays matter.
 */
public final class RaySampler {
    private RaySampler() {}

    /** c [N,25] → {origins [N,R²,3], directions [N,R²,3]}, on c's manager. */
    public static NDArray[] sample(NDArray c, int resolution) {
        Shapes.check("camera c", c, Shapes.ANY, 25);
        int n = (int) c.getShape().get(0);
        int m = resolution * resolution;
        float[] cams = c.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[] origins = new float[n * m * 3], dirs = new float[n * m * 3];
        float step = (float) (1.0 / resolution), half = (float) (0.5 / resolution);
        for (int b = 0; b < n; b++) {
            int o = b * 25;
            float fx = cams[o + 16], sk = cams[o + 17], cx = cams[o + 18], fy = cams[o + 20], cy = cams[o + 21];
            float ox = cams[o + 3], oy = cams[o + 7], oz = cams[o + 11];
            for (int p = 0; p < m; p++) {
                float u = (p % resolution) * step + half;          // column
                float v = (p / resolution) * step + half;          // row
                float xLift = (u - cx + cy * sk / fy - sk * v / fy) / fx;
                float yLift = (v - cy) / fy;
                float wx = transform(cams, o, xLift, yLift), wy = transform(cams, o + 4, xLift, yLift);
                float wz = transform(cams, o + 8, xLift, yLift);
                float dx = wx - ox, dy = wy - oy, dz = wz - oz;
                float norm = Math.max((float) Math.sqrt(Math.fma(dz, dz, Math.fma(dy, dy, dx * dx))), 1e-12f);
                int k = (b * m + p) * 3;
                dirs[k] = dx / norm;
                dirs[k + 1] = dy / norm;
                dirs[k + 2] = dz / norm;
                origins[k] = ox;
                origins[k + 1] = oy;
                origins[k + 2] = oz;
            }
        }
        NDManager mgr = c.getManager();
        return new NDArray[] {Owned.of(mgr.create(origins, new Shape(n, m, 3))), Owned.of(mgr.create(dirs, new Shape(n, m, 3)))};
    }

    /** Row {@code r} of cam2world (at offset) applied to (x, y, 1, 1), as a fused chain. */
    private static float transform(float[] cams, int row, float x, float y) {
        return Math.fma(cams[row + 3], 1f, Math.fma(cams[row + 2], 1f, Math.fma(cams[row + 1], y, cams[row] * x)));
    }
}
