package eg3d.camera;

import java.util.Random;

/**
 * Cameras whose yaw and pitch are drawn from normal distributions around (h, v), on a sphere of
 * radius r, looking at the origin. Used for training-time pose sampling and videos.
 */
public final class GaussianCameraPoseSampler {
    private GaussianCameraPoseSampler() {}

    /** cam2world (16 floats) for one draw. */
    public static float[] sample(double h, double v, double hStd, double vStd, double radius, Random rng) {
        double yaw = rng.nextGaussian() * hStd + h;
        double pitch = rng.nextGaussian() * vStd + v;
        double[] origin = LookAt.origin(yaw, pitch, radius);
        return LookAt.cam2world(LookAt.scale(origin, -1), origin);
    }
}
