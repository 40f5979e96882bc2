package eg3d.data.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.camera.CameraVector;
import java.awt.image.BufferedImage;

/**
 * Analytic ray casting of a {@link Scene}. Rays follow EG3D's ray sampler: pixel (i, j) has
 * normalised coordinates ((j + ½)/R, (i + ½)/R), is unprojected through the normalised intrinsics
 * to the camera ray (x, y, 1) in OpenCV axes, and is rotated to world space and normalised. Depth
 * is therefore the distance along the unit ray, as in EG3D's depth images.
 */
public final class Raycaster {
    static final double EPSILON = 1e-9;
    static final ObjectMapper JSON = new ObjectMapper();
    private static final double AMBIENT = 0.35;
    // 2×2 supersampling for the colour; depth comes from the pixel's centre ray alone, so it stays
    // a true surface distance at silhouettes.
    private static final double[] SUBPIXEL = {-0.25, 0.25};

    private Raycaster() {}

    /**
     * A rendered view: RGB packed as 0xRRGGBB and depth (distance along the ray; 0 where the
     * pixel's centre ray hits nothing), both row-major with row 0 at the top.
     */
    public record View(int resolution, int[] rgb, float[] depth) {
        public BufferedImage image() {
            BufferedImage image = new BufferedImage(resolution, resolution, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, resolution, resolution, rgb, 0, resolution);
            return image;
        }
    }

    /** Renders the scene at R×R. */
    public static View render(Scene scene, int resolution) {
        int r = resolution;
        float[] c = scene.camera().toArray();
        double[] origin = {c[3], c[7], c[11]};
        double[] bounds = bounds(scene);
        int[] rgb = new int[r * r];
        float[] depth = new float[r * r];
        double[] d = new double[3], colour = new double[3], sum = new double[3];
        int[] part = new int[1];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                rayDirection(c, (j + 0.5) / r, (i + 0.5) / r, d);
                double t = hitsSphere(origin, d, bounds) ? cast(scene, origin, d, part) : Double.POSITIVE_INFINITY;
                depth[i * r + j] = Double.isFinite(t) ? (float) t : 0f;
                sum[0] = sum[1] = sum[2] = 0;
                for (double dy : SUBPIXEL) {
                    for (double dx : SUBPIXEL) {
                        rayDirection(c, (j + 0.5 + dx) / r, (i + 0.5 + dy) / r, d);
                        shade(scene, origin, d, bounds, part, colour);
                        sum[0] += colour[0];
                        sum[1] += colour[1];
                        sum[2] += colour[2];
                    }
                }
                rgb[i * r + j] = toByte(sum[0] / 4) << 16 | toByte(sum[1] / 4) << 8 | toByte(sum[2] / 4);
            }
        }
        return new View(r, rgb, depth);
    }

    /** Distance along the unit ray to the nearest part, +∞ on a miss; {@code part[0]} gets its index. */
    public static double cast(Scene scene, double[] origin, double[] direction, int[] part) {
        double best = Double.POSITIVE_INFINITY;
        part[0] = -1;
        for (int k = 0; k < scene.parts().size(); k++) {
            double t = scene.parts().get(k).solid().intersect(origin, direction);
            if (t < best) {
                best = t;
                part[0] = k;
            }
        }
        return best;
    }

    /** The world-space unit direction through normalised image point (u, v) of camera c (25 floats). */
    public static void rayDirection(float[] c, double u, double v, double[] out) {
        double fx = c[16], sk = c[17], cx = c[18], fy = c[20], cy = c[21];
        double y = (v - cy) / fy;
        double x = (u - cx - sk * y) / fx;
        for (int row = 0; row < 3; row++) {
            out[row] = c[row * 4] * x + c[row * 4 + 1] * y + c[row * 4 + 2];
        }
        normalize(out);
    }

    private static void shade(Scene scene, double[] o, double[] d, double[] bounds, int[] part, double[] out) {
        double t = hitsSphere(o, d, bounds) ? cast(scene, o, d, part) : Double.POSITIVE_INFINITY;
        if (!Double.isFinite(t)) {
            System.arraycopy(scene.background(), 0, out, 0, 3);
            return;
        }
        double[] p = {o[0] + t * d[0], o[1] + t * d[1], o[2] + t * d[2]};
        double[] n = new double[3];
        Part hit = scene.parts().get(part[0]);
        hit.solid().normal(p, n);
        hit.material().albedo(p, out);
        double[] l = scene.light();
        double lambert = Math.max(0, n[0] * l[0] + n[1] * l[1] + n[2] * l[2]);
        double light = AMBIENT + (1 - AMBIENT) * lambert;
        out[0] *= light;
        out[1] *= light;
        out[2] *= light;
    }

    /** One sphere around every part: (cx, cy, cz, radius). */
    private static double[] bounds(Scene scene) {
        double[] centre = new double[3];
        for (Part part : scene.parts()) {
            double[] b = part.solid().bounds();
            for (int i = 0; i < 3; i++) {
                centre[i] += b[i] / scene.parts().size();
            }
        }
        double radius = 0;
        for (Part part : scene.parts()) {
            double[] b = part.solid().bounds();
            double dx = b[0] - centre[0], dy = b[1] - centre[1], dz = b[2] - centre[2];
            radius = Math.max(radius, Math.sqrt(dx * dx + dy * dy + dz * dz) + b[3]);
        }
        return new double[] {centre[0], centre[1], centre[2], radius * 1.001};
    }

    private static boolean hitsSphere(double[] o, double[] d, double[] s) {
        double ox = o[0] - s[0], oy = o[1] - s[1], oz = o[2] - s[2];
        double b = ox * d[0] + oy * d[1] + oz * d[2];
        double c = ox * ox + oy * oy + oz * oz - s[3] * s[3];
        return b * b - c >= 0 && (c < 0 || b < 0);
    }

    private static int toByte(double v) {
        return (int) Math.round(Math.min(1, Math.max(0, v)) * 255);
    }

    static void normalize(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        v[0] /= n;
        v[1] /= n;
        v[2] /= n;
    }

    static void putVector(ObjectNode node, String field, double[] values) {
        ArrayNode array = node.putArray(field);
        for (double v : values) {
            array.add(v);
        }
    }
}
