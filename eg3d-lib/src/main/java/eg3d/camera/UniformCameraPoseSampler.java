package eg3d.camera;

import java.util.Random;

/**
 * Cameras whose yaw and pitch are uniform in [h − hRange, h + hRange] × [v − vRange, v + vRange],
 * on a sphere of radius r, looking at the origin.
 */
public final class UniformCameraPoseSampler {
    private UniformCameraPoseSampler() {}

    /** cam2world (16 floats) for one draw. */
    public static float[] sample(double h, double v, double hRange, double vRange, double radius, Random rng) {
        double yaw = (rng.nextDouble() * 2 - 1) * hRange + h;
        double pitch = (rng.nextDouble() * 2 - 1) * vRange + v;
        double[] origin = LookAt.origin(yaw, pitch, radius);
        return LookAt.cam2world(LookAt.scale(origin, -1), origin);
    }
}
