package eg3d.metrics;

import ai.djl.ndarray.NDArray;
import eg3d.model.Generated;
import eg3d.model.RenderSpec;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.Scope;
import eg3d.render.TriPlanes;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Multi-view depth consistency: the depth rendered from view A, lifted to 3D with A's camera and
 * projected into view B, should match B's own depth there. Per co-visible pixel the error is
 * |‖p − o_B‖ − d_B(π_B(p))| / d_B(π_B(p)), where d_B is sampled bilinearly at the projected
 * position; the metric is the median over pixels. Depth is distance along the unit ray (what the
 * renderer reports), not camera z. Pixels follow the renderer's rays: centre of pixel (row, col) at
 * ((col + 0.5)/R, (row + 0.5)/R) in normalised image coordinates.
 *
 * <p>Co-visible means: foreground in A, in front of B, inside B's frame, and with all four
 * bilinear neighbours foreground in B. Self-occlusion is not removed, so it counts as error; keep
 * the two views a few tens of degrees apart.
 */
public final class DepthReprojection {
    private DepthReprojection() {}

    /**
     * @param medianRelativeError median of the per-pixel relative depth errors (NaN when none is co-visible)
     * @param coVisible           pixels that entered the median
     * @param pixels              pixels of view A
     */
    public record Result(double medianRelativeError, int coVisible, int pixels) {}

    /**
     * Compares depth maps [R·R] (row-major) of two cameras (25-float labels). A null mask means every
     * pixel with finite positive depth is foreground.
     */
    public static Result compare(float[] depthA, float[] cameraA, boolean @Nullable [] foregroundA, float[] depthB,
            float[] cameraB, boolean @Nullable [] foregroundB, int resolution) {
        int pixels = resolution * resolution;
        if (depthA.length != pixels || depthB.length != pixels) {
            throw new IllegalArgumentException("depth reprojection: depth maps have " + depthA.length + " and "
                    + depthB.length + " values; both must be " + resolution + "² = " + pixels);
        }
        if (cameraA.length != 25 || cameraB.length != 25) {
            throw new IllegalArgumentException("depth reprojection: cameras must be 25-float labels");
        }
        double[] errors = new double[pixels];
        int count = 0;
        double ox = cameraB[3], oy = cameraB[7], oz = cameraB[11];
        for (int row = 0; row < resolution; row++) {
            for (int col = 0; col < resolution; col++) {
                int p = row * resolution + col;
                if (!foreground(depthA, foregroundA, p)) {
                    continue;
                }
                double[] dir = rayDirection(cameraA, (col + 0.5) / resolution, (row + 0.5) / resolution);
                double px = cameraA[3] + depthA[p] * dir[0];
                double py = cameraA[7] + depthA[p] * dir[1];
                double pz = cameraA[11] + depthA[p] * dir[2];
                // World → B's camera: Rᵀ (p − o_B).
                double wx = px - ox, wy = py - oy, wz = pz - oz;
                double xc = cameraB[0] * wx + cameraB[4] * wy + cameraB[8] * wz;
                double yc = cameraB[1] * wx + cameraB[5] * wy + cameraB[9] * wz;
                double zc = cameraB[2] * wx + cameraB[6] * wy + cameraB[10] * wz;
                if (zc <= 0) {
                    continue;
                }
                double fx = cameraB[16], sk = cameraB[17], cx = cameraB[18], fy = cameraB[20], cy = cameraB[21];
                double u = fx * xc / zc + sk * yc / zc + cx, v = fy * yc / zc + cy;
                double fcol = u * resolution - 0.5, frow = v * resolution - 0.5;
                if (!(fcol >= 0 && frow >= 0 && fcol <= resolution - 1 && frow <= resolution - 1)) {
                    continue;
                }
                int c0 = Math.min((int) fcol, resolution - 2), r0 = Math.min((int) frow, resolution - 2);
                if (resolution < 2) {
                    continue;
                }
                int q = r0 * resolution + c0;
                if (!foreground(depthB, foregroundB, q) || !foreground(depthB, foregroundB, q + 1)
                        || !foreground(depthB, foregroundB, q + resolution) || !foreground(depthB, foregroundB, q + resolution + 1)) {
                    continue;
                }
                double tc = fcol - c0, tr = frow - r0;
                double observed = (1 - tr) * ((1 - tc) * depthB[q] + tc * depthB[q + 1])
                        + tr * ((1 - tc) * depthB[q + resolution] + tc * depthB[q + resolution + 1]);
                double predicted = Math.sqrt(wx * wx + wy * wy + wz * wz);
                errors[count++] = Math.abs(predicted - observed) / observed;
            }
        }
        return new Result(median(errors, count), count, pixels);
    }

    /**
     * Renders one latent from two cameras (the backbone runs once) and compares the depths, with
     * foreground where the accumulated opacity exceeds {@code opacityThreshold}.
     *
     * @param ws      [1,numWs,wDim]
     * @param cameraA 25-float label of view A
     * @param cameraB 25-float label of view B
     */
    public static Result forGenerator(TriPlaneGenerator generator, NDArray ws, float[] cameraA, float[] cameraB,
            RenderSpec spec, float opacityThreshold) {
        if (ws.getShape().get(0) != 1) {
            throw new IllegalArgumentException("depth reprojection: ws must hold one latent, got " + ws.getShape());
        }
        try (Scope scope = Scope.open(ws.getManager(), new NDArray[] {ws});
                TriPlanes planes = generator.planes(ws, spec.noiseMode())) {
            float[][] depth = new float[2][];
            boolean[][] mask = new boolean[2][];
            int resolution = 0;
            float[][] cameras = {cameraA, cameraB};
            for (int view = 0; view < 2; view++) {
                NDArray c = scope.manager().create(cameras[view], new ai.djl.ndarray.types.Shape(1, 25));
                try (Generated out = generator.render(planes, ws, c, spec)) {
                    resolution = (int) out.getImageDepth().getShape().get(2);
                    depth[view] = out.getImageDepth().toFloatArray();
                    NDArray weights = out.getWeightsSum();
                    float[] opacity = weights != null ? weights.toFloatArray() : null;
                    mask[view] = new boolean[depth[view].length];
                    for (int i = 0; i < mask[view].length; i++) {
                        mask[view][i] = opacity == null || opacity[i] > opacityThreshold;
                    }
                }
            }
            return compare(depth[0], cameraA, mask[0], depth[1], cameraB, mask[1], resolution);
        }
    }

    private static boolean foreground(float[] depth, boolean @Nullable [] mask, int p) {
        return (mask == null || mask[p]) && Float.isFinite(depth[p]) && depth[p] > 0;
    }

    /** The renderer's unit ray direction in world space for normalised image coordinates (u, v). */
    static double[] rayDirection(float[] c, double u, double v) {
        double fx = c[16], sk = c[17], cx = c[18], fy = c[20], cy = c[21];
        double x = (u - cx + cy * sk / fy - sk * v / fy) / fx, y = (v - cy) / fy;
        double dx = c[0] * x + c[1] * y + c[2], dy = c[4] * x + c[5] * y + c[6], dz = c[8] * x + c[9] * y + c[10];
        double norm = Math.sqrt(dx * dx + dy * dy + dz * dz);
        return new double[] {dx / norm, dy / norm, dz / norm};
    }

    static double median(double[] values, int count) {
        if (count == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }
}
