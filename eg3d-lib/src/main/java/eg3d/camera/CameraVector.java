package eg3d.camera;

import java.util.Arrays;

/**
 * The 25-float camera label: cam2world (4×4, row-major) then normalised intrinsics (3×3,
 * row-major). See the package documentation for the conventions.
 */
public record CameraVector(float[] cam2world, float[] intrinsics) {
    public static final int SIZE = 25;

    public CameraVector {
        if (cam2world.length != 16) {
            throw new IllegalArgumentException("cam2world: expected 16 floats (4×4 row-major), got " + cam2world.length);
        }
        if (intrinsics.length != 9) {
            throw new IllegalArgumentException("intrinsics: expected 9 floats (3×3 row-major), got " + intrinsics.length);
        }
        cam2world = cam2world.clone();
        intrinsics = intrinsics.clone();
    }

    /** Reads a 25-float label, e.g. one entry of dataset.json. */
    public static CameraVector of(float[] c) {
        if (c.length != SIZE) {
            throw new IllegalArgumentException("camera vector: expected " + SIZE + " floats (16 cam2world + 9 intrinsics), got " + c.length);
        }
        return new CameraVector(Arrays.copyOfRange(c, 0, 16), Arrays.copyOfRange(c, 16, 25));
    }

    /** The 25 floats, cam2world first. */
    public float[] toArray() {
        float[] c = new float[SIZE];
        System.arraycopy(cam2world, 0, c, 0, 16);
        System.arraycopy(intrinsics, 0, c, 16, 9);
        return c;
    }

    /** The camera centre in world space (the translation column). */
    public float[] position() {
        return new float[] {cam2world[3], cam2world[7], cam2world[11]};
    }

    /** The viewing direction in world space (the rotation's third column, +z of the camera). */
    public float[] forward() {
        return new float[] {cam2world[2], cam2world[6], cam2world[10]};
    }

    /** Focal length in units of the image width. */
    public float focal() {
        return intrinsics[0];
    }

    /** The field of view in degrees as {@link Intrinsics#fromFovDegrees} defines it (its inverse, official literals included). */
    public double fovDegrees() {
        return Intrinsics.fovDegrees(intrinsics[4]);
    }

    /**
     * Largest deviation of the rotation from orthonormal, max |RᵀR − I|; EG3D datasets keep it
     * below 1e-5.
     */
    public double rotationError() {
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = 0;
                for (int k = 0; k < 3; k++) {
                    dot += (double) cam2world[k * 4 + i] * cam2world[k * 4 + j];
                }
                worst = Math.max(worst, Math.abs(dot - (i == j ? 1 : 0)));
            }
        }
        return worst;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CameraVector v && Arrays.equals(cam2world, v.cam2world) && Arrays.equals(intrinsics, v.intrinsics);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(cam2world) + Arrays.hashCode(intrinsics);
    }

    @Override
    public String toString() {
        float[] p = position();
        return String.format("CameraVector(position=(%.4f, %.4f, %.4f), focal=%.4f)", p[0], p[1], p[2], focal());
    }
}
