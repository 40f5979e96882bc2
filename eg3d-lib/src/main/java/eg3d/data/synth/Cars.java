package eg3d.data.synth;

import static eg3d.data.synth.Heads.uniform;

import eg3d.camera.CameraVector;
import eg3d.camera.LookAtPoseSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The "cars" family: a body box, a cabin box with glass, four wheel cylinders with hubcaps, and
 * head- and tail-lights, length along x, inside ShapeNet's box (box_warp 1.6, so |coords| &lt; 0.8).
 * Cameras follow ShapeNet cars: radius 1.7, focal 1.025 (52° across the width; 69° as the official
 * fov_deg counts it, across the diagonal), looking at the origin, yaw uniform all around and
 * elevation from slightly below the horizon to about 57° above it.
 */
final class Cars {
    static final double RADIUS = 1.7;
    static final float FOCAL = 1.025390625f;     // ShapeNet SRN cars: 131.25 px at 128²
    static final double[] PIVOT = {0, 0, 0};
    static final double GROUND = -0.25;

    private static final double[][] PAINT = {{0.75, 0.08, 0.08}, {0.10, 0.25, 0.70}, {0.75, 0.75, 0.78}, {0.12, 0.12, 0.13},
        {0.92, 0.92, 0.90}, {0.90, 0.75, 0.10}, {0.10, 0.45, 0.20}};

    private Cars() {}

    static Scene sample(Random random) {
        double length = uniform(random, 1.0, 1.3), width = uniform(random, 0.45, 0.6), height = uniform(random, 0.16, 0.26);
        double wheel = uniform(random, 0.10, 0.15);
        double bottom = GROUND + 0.8 * wheel, top = bottom + height;
        double[] paintRgb = PAINT[random.nextInt(PAINT.length)];
        Material paint = Material.plain(paintRgb[0], paintRgb[1], paintRgb[2]);
        Material glass = Material.plain(0.10, 0.13, 0.17);
        Material rubber = Material.plain(0.06, 0.06, 0.06);
        Material metal = Material.plain(0.65, 0.65, 0.68);

        List<Part> parts = new ArrayList<>();
        parts.add(new Part("body", new Box(new double[] {-length / 2, bottom, -width / 2}, new double[] {length / 2, top, width / 2}), paint));
        double cabinLength = length * uniform(random, 0.45, 0.65), shift = uniform(random, -0.12, 0.05);
        double cabinTop = top + uniform(random, 0.14, 0.22), cabinHalfWidth = width * 0.45;
        double x0 = shift - cabinLength / 2, x1 = shift + cabinLength / 2;
        parts.add(new Part("cabin", new Box(new double[] {x0, top, -cabinHalfWidth}, new double[] {x1, cabinTop, cabinHalfWidth}), paint));
        // Glass: two thin slabs that stick out of the cabin by 5 mm, one across (wind-screens),
        // one along (side windows), so the windows show as dark bands on the cabin's faces.
        double g0 = top + 0.03, g1 = cabinTop - 0.025;
        parts.add(new Part("glass_front_back", new Box(new double[] {x0 - 0.005, g0, -cabinHalfWidth + 0.03},
                new double[] {x1 + 0.005, g1, cabinHalfWidth - 0.03}), glass));
        parts.add(new Part("glass_sides", new Box(new double[] {x0 + 0.04, g0, -cabinHalfWidth - 0.005},
                new double[] {x1 - 0.04, g1, cabinHalfWidth + 0.005}), glass));
        double axle = length / 2 - wheel * uniform(random, 1.3, 1.7), tyre = uniform(random, 0.05, 0.07);
        for (int front = -1; front <= 1; front += 2) {
            for (int side = -1; side <= 1; side += 2) {
                String name = (front > 0 ? "front_" : "rear_") + (side > 0 ? "left" : "right");
                double z = side * (width / 2 - tyre + 0.02);
                parts.add(new Part("wheel_" + name, new Cylinder(new double[] {front * axle, GROUND + wheel, z}, wheel, tyre), rubber));
                parts.add(new Part("hubcap_" + name, new Cylinder(new double[] {front * axle, GROUND + wheel, z + side * tyre},
                        wheel * 0.55, 0.006), metal));
            }
        }
        double lightY = bottom + height * 0.65;
        for (int side = -1; side <= 1; side += 2) {
            parts.add(new Part(side > 0 ? "headlight_left" : "headlight_right", new Ellipsoid(
                    new double[] {length / 2, lightY, side * width * 0.33}, new double[] {0.015, 0.03, 0.06}), Material.plain(1, 0.95, 0.75)));
            parts.add(new Part(side > 0 ? "taillight_left" : "taillight_right", new Ellipsoid(
                    new double[] {-length / 2, lightY, side * width * 0.33}, new double[] {0.015, 0.025, 0.05}), Material.plain(0.8, 0.05, 0.05)));
        }

        double yaw = random.nextDouble() * 2 * Math.PI;
        double pitch = uniform(random, 0.25, Math.PI / 2 + 0.1);
        float[] cam2world = LookAtPoseSampler.sample(yaw, pitch, PIVOT, RADIUS);
        CameraVector camera = new CameraVector(cam2world, new float[] {FOCAL, 0, 0.5f, 0, FOCAL, 0.5f, 0, 0, 1});
        double fov = eg3d.camera.Intrinsics.fovDegrees(FOCAL);      // the official (diagonal) convention, as heads record it
        double[] light = {0.3, 1, 0.2};
        Raycaster.normalize(light);
        return new Scene(SceneFamily.CARS, List.copyOf(parts), new double[] {1, 1, 1}, light, camera,
                Heads.pose(yaw, pitch, PIVOT, RADIUS, fov));
    }
}
