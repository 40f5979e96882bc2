package eg3d.camera;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import eg3d.TestFixtures;
import eg3d.io.NpzFile;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CameraTest {
    private static final double[] PIVOT = {0, 0, 0.2};

    @Test
    void lookAtAndFovReproduceTheFixtureCameras() {
        try (NDManager m = NDManager.newBaseManager()) {
            var ref = NpzFile.read(m, TestFixtures.tiny().resolve("io.npz"));
            // config.json: yaw 0.3, pitch -0.15, radius 2.7, pivot (0,0,0.2), fov 18.837; c_cond is the frontal view.
            float[] c = LookAtPoseSampler.camera(Math.PI / 2 + 0.3, Math.PI / 2 - 0.15, PIVOT, 2.7, 18.837).toArray();
            float[] cCond = LookAtPoseSampler.camera(Math.PI / 2, Math.PI / 2, PIVOT, 2.7, 18.837).toArray();
            assertArrayEquals(ref.get("c").toFloatArray(), c, 1e-6f);
            assertArrayEquals(ref.get("c_cond").toFloatArray(), cCond, 1e-6f);
        }
    }

    @Test
    void vectorRoundTripsAndDescribesItself() {
        CameraVector v = LookAtPoseSampler.camera(Math.PI / 2 + 0.4, Math.PI / 2, PIVOT, 2.7, 18.837);
        CameraVector back = CameraVector.of(v.toArray());
        assertEquals(v, back);
        assertTrue(v.rotationError() < 1e-6);
        assertEquals(18.837, v.fovDegrees(), 1e-3);
        float[] p = v.position();
        assertEquals(2.7, Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]), 1e-5, "radius is measured from the origin");
        // The optical axis passes through the pivot.
        float[] f = v.forward();
        double t = (PIVOT[2] - p[2]) / f[2];
        assertEquals(0, p[0] + t * f[0], 1e-5);
        assertEquals(0, p[1] + t * f[1], 1e-5);
    }

    @Test
    void intrinsicsKeepTheOfficialLiterals() {
        float focal = (float) (1 / (Math.tan(18.837 * 3.14159 / 360) * 1.414));
        assertArrayEquals(new float[] {focal, 0, 0.5f, 0, focal, 0.5f, 0, 0, 1}, Intrinsics.fromFovDegrees(18.837));
        assertThrows(IllegalArgumentException.class, () -> Intrinsics.fromFovDegrees(0));
    }

    @Test
    void samplersStayOnTheSphereAndLookAtTheOrigin() {
        Random rng = new Random(1);
        for (int i = 0; i < 50; i++) {
            float[] g = GaussianCameraPoseSampler.sample(Math.PI / 2, Math.PI / 2, 0.3, 0.15, 2.7, rng);
            float[] u = UniformCameraPoseSampler.sample(Math.PI / 2, Math.PI / 2, 0.5, 0.2, 1.7, rng);
            for (float[] m : new float[][] {g, u}) {
                CameraVector v = new CameraVector(m, Intrinsics.fromFovDegrees(30));
                float[] p = v.position(), f = v.forward();
                double r = Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
                assertEquals(-1, (p[0] * f[0] + p[1] * f[1] + p[2] * f[2]) / r, 1e-5, "looks at the origin");
                assertTrue(v.rotationError() < 1e-6);
            }
        }
    }

    @Test
    void badVectorsAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CameraVector.of(new float[24]));
        assertTrue(e.getMessage().contains("expected 25 floats"), e.getMessage());
    }
}
