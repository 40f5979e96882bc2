package eg3d.camera;

/** Normalised pinhole intrinsics (focal in units of the image width, principal point at 0.5). */
public final class Intrinsics {
    /** The official generation scripts' default field of view, in degrees. */
    public static final double DEFAULT_FOV_DEGREES = 18.837;

    private Intrinsics() {}

    /**
     * The 3×3 row-major intrinsics for a FOV in degrees: focal = 1/(tan(fov/2)·√2), so the angle is
     * measured across the image diagonal. The official literals 3.14159 and 1.414 are kept on
     * purpose: released checkpoints and fixtures were made with them.
     */
    public static float[] fromFovDegrees(double fovDegrees) {
        if (!(fovDegrees > 0 && fovDegrees < 180)) {
            throw new IllegalArgumentException("fov: expected degrees in (0, 180), got " + fovDegrees);
        }
        float focal = (float) (1 / (Math.tan(fovDegrees * 3.14159 / 360) * 1.414));
        return new float[] {focal, 0, 0.5f, 0, focal, 0.5f, 0, 0, 1};
    }

    /** The inverse of {@link #fromFovDegrees}: the FOV in degrees, across the diagonal, of a normalised focal length. */
    public static double fovDegrees(double focal) {
        return 2 * Math.atan(1 / (focal * 1.414)) * 360 / 3.14159 / 2;
    }
}
