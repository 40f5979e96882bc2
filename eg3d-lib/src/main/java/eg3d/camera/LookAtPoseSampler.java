package eg3d.camera;

/**
 * A camera on a sphere around the world origin that looks at a pivot point. The radius is
 * measured from the origin, not from the pivot, as in the official sampler.
 */
public final class LookAtPoseSampler {
    private LookAtPoseSampler() {}

    /** cam2world (16 floats, row-major) for yaw {@code h} and vertical angle {@code v}, both around π/2. */
    public static float[] sample(double h, double v, double[] pivot, double radius) {
        double[] origin = LookAt.origin(h, v, radius);
        return LookAt.cam2world(LookAt.sub(pivot, origin), origin);
    }

    /** The full 25-float camera for a view angle and FOV. */
    public static CameraVector camera(double h, double v, double[] pivot, double radius, double fovDegrees) {
        return new CameraVector(sample(h, v, pivot, radius), Intrinsics.fromFovDegrees(fovDegrees));
    }
}
