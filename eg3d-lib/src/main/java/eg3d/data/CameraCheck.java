package eg3d.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the cameras of a dataset look like: radius, the point they look at, the spread of yaw and
 * pitch, the focal length, and a picture of the frustums and the pose distribution. This is the
 * first thing to look at when a model trained on custom data comes out flat or blurry.
 *
 * @param count cameras
 * @param resolution image size
 * @param radius distance of each camera from the world origin, as EG3D's samplers measure it
 * @param lookAt the point closest to all optical axes, in the least-squares sense
 * @param axisDistance each optical axis's distance from {@code lookAt}
 * @param yawDegrees azimuth of each camera around {@code lookAt}; 0 = on the +z side (frontal), positive toward +x
 * @param pitchDegrees elevation of each camera above {@code lookAt}'s horizontal plane
 * @param focal normalised focal length fx of each camera
 */
public record CameraCheck(int count, int resolution, double[] radius, double[] lookAt, double[] axisDistance,
        double[] yawDegrees, double[] pitchDegrees, double[] focal) {

    /** Computes the statistics of every item of the dataset (mirrored copies included when xflip is on). */
    public static CameraCheck of(Eg3dDataset dataset) {
        int n = dataset.size();
        float[][] cameras = new float[n][];
        for (int i = 0; i < n; i++) {
            cameras[i] = dataset.camera(i);
        }
        return of(cameras, dataset.getResolution());
    }

    public static CameraCheck of(float[][] cameras, int resolution) {
        int n = cameras.length;
        double[] lookAt = lookAt(cameras);
        double[] radius = new double[n], axis = new double[n], yaw = new double[n], pitch = new double[n], focal = new double[n];
        for (int i = 0; i < n; i++) {
            float[] c = cameras[i];
            double px = c[3], py = c[7], pz = c[11];
            radius[i] = Math.sqrt(px * px + py * py + pz * pz);
            double vx = px - lookAt[0], vy = py - lookAt[1], vz = pz - lookAt[2];
            double dx = c[2], dy = c[6], dz = c[10];
            double along = vx * dx + vy * dy + vz * dz;
            axis[i] = Math.sqrt(Math.max(0, vx * vx + vy * vy + vz * vz - along * along));
            yaw[i] = Math.toDegrees(Math.atan2(vx, vz));
            pitch[i] = Math.toDegrees(Math.atan2(vy, Math.sqrt(vx * vx + vz * vz)));
            focal[i] = c[16];
        }
        return new CameraCheck(n, resolution, radius, lookAt, axis, yaw, pitch, focal);
    }

    /**
     * The point p minimising Σ‖(I − dᵢdᵢᵀ)(p − oᵢ)‖² over optical axes (oᵢ, dᵢ): the normal
     * equations Σ(I − dᵢdᵢᵀ) p = Σ(I − dᵢdᵢᵀ) oᵢ, a 3×3 solve.
     */
    static double[] lookAt(float[][] cameras) {
        double[][] a = new double[3][3];
        double[] b = new double[3];
        for (float[] c : cameras) {
            double[] d = {c[2], c[6], c[10]}, o = {c[3], c[7], c[11]};
            double norm = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double m = (i == j ? 1 : 0) - d[i] * d[j] / (norm * norm);
                    a[i][j] += m;
                    b[i] += m * o[j];
                }
            }
        }
        double det = det3(a);
        if (Math.abs(det) < 1e-9 * cameras.length * cameras.length * cameras.length) {
            // All axes parallel (or one camera): no unique point; report the mean camera position.
            double[] mean = new double[3];
            for (float[] c : cameras) {
                mean[0] += c[3] / cameras.length;
                mean[1] += c[7] / cameras.length;
                mean[2] += c[11] / cameras.length;
            }
            return mean;
        }
        double[] p = new double[3];
        for (int k = 0; k < 3; k++) {       // Cramer's rule
            double[][] m = {a[0].clone(), a[1].clone(), a[2].clone()};
            for (int i = 0; i < 3; i++) {
                m[i][k] = b[i];
            }
            p[k] = det3(m) / det;
        }
        return p;
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    /** The printed summary. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "cameras      %d images at %dx%d%n", count, resolution, resolution));
        out.append(String.format(Locale.ROOT, "radius       %s (distance from the world origin; EG3D FFHQ uses 2.7, ShapeNet 1.7)%n", stats(radius, "%.4f")));
        out.append(String.format(Locale.ROOT, "look-at      (%.4f, %.4f, %.4f); optical axes pass it at %s%n",
                lookAt[0], lookAt[1], lookAt[2], stats(axisDistance, "%.4f")));
        // The official fov_deg measures the diagonal (focal = 1/(tan(fov/2)·√2)); the width's angle is smaller.
        double[] diagonal = Arrays.stream(focal).map(eg3d.camera.Intrinsics::fovDegrees).toArray();
        double[] width = Arrays.stream(focal).map(f -> Math.toDegrees(2 * Math.atan(0.5 / f))).toArray();
        out.append(String.format(Locale.ROOT, "focal        %s (normalised); FOV %s degrees across the diagonal, as --fov-deg"
                + " takes it (%s across the width)%n", stats(focal, "%.4f"), stats(diagonal, "%.3f"), stats(width, "%.3f")));
        out.append(String.format(Locale.ROOT, "yaw          %s degrees (0 = camera on +z, the frontal view)%n", stats(yawDegrees, "%.1f")));
        histogram(out, yawDegrees, -180, 180, 15);
        out.append(String.format(Locale.ROOT, "pitch        %s degrees (positive = camera above)%n", stats(pitchDegrees, "%.1f")));
        histogram(out, pitchDegrees, -90, 90, 10);
        return out.toString();
    }

    private static String stats(double[] v, String format) {
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double std = Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).average().orElse(Double.NaN));
        double min = Arrays.stream(v).min().orElse(Double.NaN), max = Arrays.stream(v).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "mean " + format + " ± " + format + ", range [" + format + ", " + format + "]", mean, std, min, max);
    }

    private static void histogram(StringBuilder out, double[] values, int lo, int hi, int step) {
        int bins = (hi - lo) / step;
        int[] counts = new int[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, Math.max(0, (int) Math.floor((v - lo) / step)))]++;
        }
        int first = 0, last = bins - 1, peak = Arrays.stream(counts).max().orElse(1);
        while (first < last && counts[first] == 0) {
            first++;
        }
        while (last > first && counts[last] == 0) {
            last--;
        }
        for (int b = first; b <= last; b++) {
            int bar = (int) Math.round(40.0 * counts[b] / Math.max(1, peak));
            out.append(String.format(Locale.ROOT, "  [%4d, %4d) %6d %s%n", lo + b * step, lo + (b + 1) * step, counts[b], "#".repeat(bar)));
        }
    }

    /**
     * A 1000×500 picture: left, up to 400 camera frustums in an oblique view around the look-at
     * point (red x, green y, blue z axes; each frustum's top edge drawn thicker, so a roll or an
     * upside-down convention shows); right, pitch against yaw for every camera.
     */
    public BufferedImage picture(float[][] cameras) {
        int size = 500;
        BufferedImage image = new BufferedImage(2 * size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 2 * size, size);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        drawFrustums(g, cameras, size);
        drawPoses(g, size, size);
        g.dispose();
        return image;
    }

    private void drawFrustums(Graphics2D g, float[][] cameras, int size) {
        // Oblique orthographic view from the front-right-above of the look-at point.
        double[] view = {0.55, 0.45, 0.7};
        normalise(view);
        double[] right = {view[2], 0, -view[0]};
        normalise(right);
        double[] up = cross(view, right);
        double extent = 1e-6;
        for (float[] c : cameras) {
            extent = Math.max(extent, Math.hypot(Math.hypot(c[3] - lookAt[0], c[7] - lookAt[1]), c[11] - lookAt[2]));
        }
        double scale = 0.4 * size / (extent * 1.15), cx = size / 2.0, cy = size / 2.0 + 10;
        java.util.function.Function<double[], double[]> project = p -> {
            double x = p[0] - lookAt[0], y = p[1] - lookAt[1], z = p[2] - lookAt[2];
            return new double[] {cx + scale * (x * right[0] + y * right[1] + z * right[2]), cy - scale * (x * up[0] + y * up[1] + z * up[2])};
        };
        g.setColor(Color.BLACK);
        g.drawString("camera frustums around the look-at point (x red, y green, z blue)", 10, 16);
        Color[] axisColours = {new Color(220, 40, 40), new Color(30, 160, 60), new Color(40, 80, 220)};
        for (int k = 0; k < 3; k++) {
            double[] end = lookAt.clone();
            end[k] += extent * 0.4;
            g.setColor(axisColours[k]);
            g.setStroke(new BasicStroke(2f));
            line(g, project.apply(lookAt), project.apply(end));
        }
        int step = Math.max(1, cameras.length / 400);
        double depth = extent * 0.12;
        g.setColor(new Color(60, 60, 60, 140));
        for (int i = 0; i < cameras.length; i += step) {
            float[] c = cameras[i];
            double[] apex = {c[3], c[7], c[11]};
            double hx = 0.5 / c[16], hy = 0.5 / c[20];
            double[][] corners = new double[4][];
            double[][] offsets = {{-hx, -hy}, {hx, -hy}, {hx, hy}, {-hx, hy}};   // camera y points down: −hy is the top
            for (int k = 0; k < 4; k++) {
                double[] p = new double[3];
                for (int row = 0; row < 3; row++) {
                    p[row] = apex[row] + depth * (c[row * 4] * offsets[k][0] + c[row * 4 + 1] * offsets[k][1] + c[row * 4 + 2]);
                }
                corners[k] = project.apply(p);
            }
            double[] a = project.apply(apex);
            g.setStroke(new BasicStroke(0.8f));
            for (int k = 0; k < 4; k++) {
                line(g, a, corners[k]);
                if (k != 0) {
                    line(g, corners[k], corners[(k + 1) % 4]);
                }
            }
            g.setStroke(new BasicStroke(2f));
            line(g, corners[0], corners[1]);
        }
        double[] centre = project.apply(lookAt);
        g.setColor(Color.MAGENTA);
        g.setStroke(new BasicStroke(2f));
        g.draw(new Line2D.Double(centre[0] - 6, centre[1], centre[0] + 6, centre[1]));
        g.draw(new Line2D.Double(centre[0], centre[1] - 6, centre[0], centre[1] + 6));
    }

    private void drawPoses(Graphics2D g, int x0, int size) {
        int left = x0 + 50, top = 40, w = size - 80, h = size - 90;
        g.setColor(Color.BLACK);
        g.drawString("pitch against yaw, degrees (" + count + " cameras)", x0 + 10, 16);
        g.setStroke(new BasicStroke(1f));
        for (int yaw = -180; yaw <= 180; yaw += 45) {
            int x = left + (int) Math.round((yaw + 180) / 360.0 * w);
            g.setColor(yaw == 0 ? Color.GRAY : Color.LIGHT_GRAY);
            g.drawLine(x, top, x, top + h);
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString(yaw), x - 10, top + h + 16);
        }
        for (int pitch = -90; pitch <= 90; pitch += 30) {
            int y = top + (int) Math.round((90 - pitch) / 180.0 * h);
            g.setColor(pitch == 0 ? Color.GRAY : Color.LIGHT_GRAY);
            g.drawLine(left, y, left + w, y);
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString(pitch), left - 30, y + 4);
        }
        g.drawString("yaw (0 = frontal, +z)", left + w / 2 - 50, top + h + 34);
        g.setColor(new Color(30, 90, 200, 90));
        for (int i = 0; i < count; i++) {
            double x = left + (yawDegrees[i] + 180) / 360.0 * w, y = top + (90 - pitchDegrees[i]) / 180.0 * h;
            g.fill(new java.awt.geom.Ellipse2D.Double(x - 2, y - 2, 4, 4));
        }
    }

    private static void line(Graphics2D g, double[] a, double[] b) {
        g.draw(new Line2D.Double(a[0], a[1], b[0], b[1]));
    }

    private static void normalise(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        for (int i = 0; i < 3; i++) {
            v[i] /= n;
        }
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
