package eg3d.gen;

import eg3d.camera.CameraVector;
import eg3d.camera.LookAtPoseSampler;
import java.util.ArrayList;
import java.util.List;

/**
 * Camera sequences for images and videos. Angles are offsets from the frontal view; like the
 * official scripts, rendering cameras use 3.14/2 (not π/2) as the frontal angle, so the same seed
 * and angle give the same picture as the reference tools.
 */
public final class CameraPaths {
    /** The frontal angle as the official gen_samples/gen_videos write it. */
    public static final double OFFICIAL_HALF_PI = 3.14 / 2;

    private CameraPaths() {}

    /** The three views of the official sample strip: yaw 0.4, 0, −0.4 at pitch −0.2. */
    public static List<CameraVector> sampleStrip(double[] pivot, double radius, double fovDegrees) {
        List<CameraVector> out = new ArrayList<>();
        for (double yaw : new double[] {0.4, 0, -0.4}) {
            out.add(LookAtPoseSampler.camera(OFFICIAL_HALF_PI + yaw, OFFICIAL_HALF_PI - 0.2, pivot, radius, fovDegrees));
        }
        return out;
    }

    /** The official video orbit: yaw 0.35·sin, pitch −0.05 + 0.25·cos over one period of {@code total} frames. */
    public static CameraVector officialOrbit(int frame, int total, double[] pivot, double radius, double focal) {
        double t = 2 * 3.14 * frame / total;
        float[] m = LookAtPoseSampler.sample(OFFICIAL_HALF_PI + 0.35 * Math.sin(t), OFFICIAL_HALF_PI - 0.05 + 0.25 * Math.cos(t),
                pivot, radius);
        return new CameraVector(m, new float[] {(float) focal, 0, 0.5f, 0, (float) focal, 0.5f, 0, 0, 1});
    }

    /** A full 360° turntable at a fixed pitch offset. */
    public static List<CameraVector> turntable(int frames, double pitch, double[] pivot, double radius, double fovDegrees) {
        List<CameraVector> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            out.add(LookAtPoseSampler.camera(Math.PI / 2 + 2 * Math.PI * i / frames, Math.PI / 2 + pitch, pivot, radius, fovDegrees));
        }
        return out;
    }

    /** A linear path from (yaw0, pitch0) to (yaw1, pitch1), offsets in radians from frontal. */
    public static List<CameraVector> yawPitchPath(int frames, double yaw0, double pitch0, double yaw1, double pitch1,
            double[] pivot, double radius, double fovDegrees) {
        List<CameraVector> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            double t = frames == 1 ? 0 : (double) i / (frames - 1);
            out.add(LookAtPoseSampler.camera(Math.PI / 2 + yaw0 + t * (yaw1 - yaw0), Math.PI / 2 + pitch0 + t * (pitch1 - pitch0),
                    pivot, radius, fovDegrees));
        }
        return out;
    }
}
