package eg3d.data.synth;

import eg3d.camera.CameraVector;
import eg3d.camera.LookAtPoseSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The "heads" family: a face ellipsoid with hair, ears, eyes, brows, nose, mouth and neck, facing
 * +z, about 0.4 wide, inside EG3D's FFHQ box (|x|, |y|, |z| &lt; 0.5). Cameras follow FFHQ's setup: radius 2.7, FOV
 * 18.837°, looking at the pivot (0, 0, 0.2), with yaw and pitch drawn from normal distributions
 * around the frontal view.
 */
final class Heads {
    static final double RADIUS = 2.7;
    static final double FOV_DEGREES = 18.837;
    static final double[] PIVOT = {0, 0, 0.2};
    static final double YAW_STD = 0.3;     // radians, about FFHQ's spread of head turns
    static final double PITCH_STD = 0.15;
    // The head is designed at unit-ish size, then shrunk so that, as in FFHQ's crops, hair and chin
    // fit the frame (at the pivot the image spans about ±0.29).
    static final double SCALE = 0.6;

    private static final double[][] SKIN_RANGE = {{0.96, 0.80, 0.69}, {0.42, 0.28, 0.20}};
    private static final double[][] HAIR = {{0.08, 0.06, 0.05}, {0.35, 0.22, 0.12}, {0.80, 0.65, 0.38},
        {0.62, 0.25, 0.10}, {0.70, 0.70, 0.70}};
    private static final double[][] IRIS = {{0.30, 0.18, 0.08}, {0.20, 0.40, 0.70}, {0.25, 0.45, 0.25}, {0.10, 0.08, 0.06}};

    private Heads() {}

    static Scene sample(Random random) {
        double rx = 0.30 * uniform(random, 0.9, 1.1), ry = 0.40 * uniform(random, 0.92, 1.08), rz = 0.34 * uniform(random, 0.92, 1.08);
        double tone = random.nextDouble();
        double[] skinRgb = new double[3];
        for (int i = 0; i < 3; i++) {
            skinRgb[i] = SKIN_RANGE[0][i] * (1 - tone) + SKIN_RANGE[1][i] * tone;
        }
        Material skin = new Material(skinRgb, List.of(wave(random, 18, 0.05), wave(random, 31, 0.03)));
        double[] hairRgb = HAIR[random.nextInt(HAIR.length)];
        // Strands: a fast wave across x and a slow one along y, so hair reads as hair at 64².
        Material hair = new Material(hairRgb, List.of(
                new Material.Wave(new double[] {uniform(random, 70, 110), 0, 0}, random.nextDouble() * 6.283, 0.18),
                new Material.Wave(new double[] {0, uniform(random, 8, 14), 0}, random.nextDouble() * 6.283, 0.08)));
        Ellipsoid face = new Ellipsoid(new double[] {0, 0, 0}, new double[] {rx, ry, rz});

        List<Part> parts = new ArrayList<>();
        parts.add(new Part("face", face, skin));
        parts.add(new Part("hair", new Ellipsoid(
                new double[] {0, uniform(random, 0.05, 0.11), -uniform(random, 0.05, 0.10)},
                new double[] {rx + uniform(random, 0.03, 0.07), ry + uniform(random, 0.02, 0.08), rz + uniform(random, 0.0, 0.04)}), hair));
        for (int side = -1; side <= 1; side += 2) {
            parts.add(new Part(side < 0 ? "ear_right" : "ear_left",
                    new Ellipsoid(new double[] {side * (rx - 0.01), uniform(random, -0.03, 0.02), -0.02}, new double[] {0.04, 0.08, 0.05}), skin));
        }
        double ex = uniform(random, 0.09, 0.12), ey = uniform(random, 0.04, 0.09), re = uniform(random, 0.04, 0.05);
        double[] iris = IRIS[random.nextInt(IRIS.length)];
        for (int side = -1; side <= 1; side += 2) {
            String eye = side < 0 ? "right" : "left";
            double zEye = surfaceZ(face, side * ex, ey) - 0.6 * re;
            parts.add(new Part("eye_" + eye, new Ellipsoid(new double[] {side * ex, ey, zEye}, new double[] {re, re, re}),
                    Material.plain(0.95, 0.95, 0.93)));
            parts.add(new Part("iris_" + eye, new Ellipsoid(new double[] {side * ex, ey, zEye + 0.6 * re},
                    new double[] {0.55 * re, 0.55 * re, 0.55 * re}), Material.plain(iris[0], iris[1], iris[2])));
            double by = ey + uniform(random, 0.06, 0.08);
            parts.add(new Part("brow_" + eye, new Ellipsoid(new double[] {side * ex, by, surfaceZ(face, side * ex, by) - 0.01},
                    new double[] {0.05, 0.012, 0.03}), Material.plain(hairRgb[0], hairRgb[1], hairRgb[2])));
        }
        double ny = uniform(random, -0.06, -0.01);
        parts.add(new Part("nose", new Ellipsoid(new double[] {0, ny, surfaceZ(face, 0, ny) - 0.02},
                new double[] {uniform(random, 0.035, 0.05), uniform(random, 0.06, 0.09), uniform(random, 0.05, 0.08)}), skin));
        double my = uniform(random, -0.20, -0.15);
        parts.add(new Part("mouth", new Ellipsoid(new double[] {0, my, surfaceZ(face, 0, my) - 0.02},
                new double[] {uniform(random, 0.06, 0.09), uniform(random, 0.015, 0.025), 0.04}),
                Material.plain(0.5 * skinRgb[0] + 0.35, 0.45 * skinRgb[1], 0.45 * skinRgb[2])));
        parts.add(new Part("neck", new Ellipsoid(new double[] {0, -ry * 0.9 - 0.1, -0.06}, new double[] {0.15, 0.28, 0.15}),
                new Material(new double[] {skinRgb[0] * 0.9, skinRgb[1] * 0.9, skinRgb[2] * 0.9}, List.of())));

        parts.replaceAll(p -> scaled(p, SCALE));
        double yaw = Math.PI / 2 + clamp(random.nextGaussian() * YAW_STD, 1.0);
        double pitch = Math.PI / 2 + clamp(random.nextGaussian() * PITCH_STD, 0.5);
        CameraVector camera = LookAtPoseSampler.camera(yaw, pitch, PIVOT, RADIUS, FOV_DEGREES);
        double[] background = {uniform(random, 0.2, 0.9), uniform(random, 0.2, 0.9), uniform(random, 0.2, 0.9)};
        double[] light = {uniform(random, -0.5, 0.5), uniform(random, 0.4, 0.8), 1};
        Raycaster.normalize(light);
        return new Scene(SceneFamily.HEADS, List.copyOf(parts), background, light, camera, pose(yaw, pitch, PIVOT, RADIUS, FOV_DEGREES));
    }

    private static Part scaled(Part part, double s) {
        Ellipsoid e = (Ellipsoid) part.solid();
        double[] c = e.center().clone(), r = e.radii().clone();
        for (int i = 0; i < 3; i++) {
            c[i] *= s;
            r[i] *= s;
        }
        List<Material.Wave> waves = part.material().waves().stream().map(w -> new Material.Wave(
                new double[] {w.k()[0] / s, w.k()[1] / s, w.k()[2] / s}, w.phase(), w.amount())).toList();
        return new Part(part.name(), new Ellipsoid(c, r), new Material(part.material().rgb(), waves));
    }

    /** The front z of an ellipsoid above (x, y), to seat features on the face. */
    private static double surfaceZ(Ellipsoid e, double x, double y) {
        double u = (x - e.center()[0]) / e.radii()[0], v = (y - e.center()[1]) / e.radii()[1];
        return e.center()[2] + e.radii()[2] * Math.sqrt(Math.max(0, 1 - u * u - v * v));
    }

    static Material.Wave wave(Random random, double frequency, double amount) {
        double[] k = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
        Raycaster.normalize(k);
        for (int i = 0; i < 3; i++) {
            k[i] *= frequency;
        }
        return new Material.Wave(k, random.nextDouble() * 6.283, amount);
    }

    static com.fasterxml.jackson.databind.node.ObjectNode pose(double yaw, double pitch, double[] pivot, double radius, double fov) {
        var node = Raycaster.JSON.createObjectNode().put("yaw", yaw).put("pitch", pitch).put("radius", radius).put("fov_degrees", fov);
        Raycaster.putVector(node, "pivot", pivot);
        return node;
    }

    static double uniform(Random random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }
}
