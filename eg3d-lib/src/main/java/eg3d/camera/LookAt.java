package eg3d.camera;

/**
 * The geometry shared by the pose samplers: a camera on a sphere, and the cam2world matrix that
 * looks from it toward a point with world +y up.
 */
final class LookAt {
    private LookAt() {}

    /** Camera position at yaw h and vertical angle v (φ = arccos(1 − 2v/π)) on a sphere of radius r. */
    static double[] origin(double h, double v, double radius) {
        v = Math.min(Math.max(v, 1e-5), Math.PI - 1e-5);
        double phi = Math.acos(1 - 2 * (v / Math.PI));
        return new double[] {
            radius * Math.sin(phi) * Math.cos(Math.PI - h),
            radius * Math.cos(phi),
            radius * Math.sin(phi) * Math.sin(Math.PI - h)};
    }

    /** cam2world, row-major, for a camera at {@code origin} looking along {@code forward}. */
    static float[] cam2world(double[] forward, double[] origin) {
        double[] f = normalize(forward);
        double[] up = {0, 1, 0};
        double[] right = scale(normalize(cross(up, f)), -1);   // OpenCV: +x right with +y down
        double[] trueUp = normalize(cross(f, right));
        return new float[] {
            (float) right[0], (float) trueUp[0], (float) f[0], (float) origin[0],
            (float) right[1], (float) trueUp[1], (float) f[1], (float) origin[1],
            (float) right[2], (float) trueUp[2], (float) f[2], (float) origin[2],
            0, 0, 0, 1};
    }

    static double[] sub(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double[] normalize(double[] a) {
        double n = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        return new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
