package eg3d.data;

import eg3d.camera.CameraVector;

/**
 * Checks that a 25-float label follows EG3D's conventions (see {@code eg3d.camera}): a rigid
 * OpenCV cam2world and intrinsics normalised by the image size.
 */
public final class CameraLabels {
    /** Largest |RᵀR − I| accepted on reading; our own writers stay below 1e-5. */
    public static final double ROTATION_TOLERANCE = 1e-4;
    /** A normalised focal length above this means pixel units (it would be a FOV under 0.6°). */
    static final double MAX_NORMALISED_FOCAL = 100;

    private CameraLabels() {}

    /**
     * Throws {@link DatasetException} naming {@code where} (file and entry) unless {@code c} is a
     * valid label: 25 finite floats, a proper rotation, bottom row (0,0,0,1), and normalised
     * intrinsics (0 &lt; focal &lt; 100, principal point inside (0,1)², last row (0,0,1)).
     */
    public static void check(float[] c, String where) {
        if (c.length != CameraVector.SIZE) {
            throw new DatasetException(where + ": expected 25 floats (16 of the 4×4 cam2world, then 9 of the 3×3 intrinsics), got "
                    + c.length + "; write each label as [file, [25 numbers]]");
        }
        for (int i = 0; i < c.length; i++) {
            if (!Float.isFinite(c[i])) {
                throw new DatasetException(where + ": value " + i + " is " + c[i] + "; every label value must be a finite number");
            }
        }
        CameraVector camera = CameraVector.of(c);
        double error = camera.rotationError();
        double det = determinant(c);
        if (error > ROTATION_TOLERANCE || det < 0) {
            throw new DatasetException(String.format(
                    "%s: the cam2world rotation is not rigid (max |RᵀR − I| = %.3g, det = %.4f; expected < %.0e and det = +1); "
                    + "the extrinsics must be a rotation and translation only, with no scale, shear or mirror: "
                    + "orthonormalise R (e.g. via SVD) and put any scene scale into the translation",
                    where, error, det, ROTATION_TOLERANCE));
        }
        if (c[12] != 0 || c[13] != 0 || c[14] != 0 || c[15] != 1) {
            throw new DatasetException(String.format("%s: the cam2world bottom row is (%s, %s, %s, %s), expected (0, 0, 0, 1)",
                    where, c[12], c[13], c[14], c[15]));
        }
        float fx = c[16], cx = c[18], fy = c[20], cy = c[21];
        boolean lastRows = c[19] == 0 && c[22] == 0 && c[23] == 0 && c[24] == 1;
        boolean normalised = fx > 0 && fy > 0 && fx < MAX_NORMALISED_FOCAL && fy < MAX_NORMALISED_FOCAL
                && cx > 0 && cx < 1 && cy > 0 && cy < 1;
        if (!lastRows || !normalised) {
            throw new DatasetException(String.format(
                    "%s: the intrinsics are not normalised (fx = %s, fy = %s, cx = %s, cy = %s, rows 2-3 = [%s, %s, %s], [%s, %s, %s]); "
                    + "EG3D expects [[fx/W, skew, cx/W], [0, fy/H, cy/H], [0, 0, 1]] with the principal point near (0.5, 0.5): "
                    + "divide the first row by the image width and the second by its height",
                    where, fx, fy, cx, cy, c[19], c[20], c[21], c[22], c[23], c[24]));
        }
    }

    private static double determinant(float[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[4], e = m[5], f = m[6], g = m[8], h = m[9], i = m[10];
        return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    }
}
