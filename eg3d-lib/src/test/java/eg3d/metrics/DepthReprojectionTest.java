package eg3d.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.camera.LookAtPoseSampler;
import eg3d.io.Network;
import eg3d.io.NetworkFile;
import eg3d.model.RenderSpec;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.Params;
import eg3d.render.RaySampler;
import org.junit.jupiter.api.Test;

class DepthReprojectionTest {
    private static final int RES = 64;
    private static final double RADIUS = 0.5;

    /** A sphere of radius 0.5 at the origin seen from a camera: exact ray-distance depth, NaN off the sphere. */
    private static float[] sphereDepth(NDManager manager, float[] camera) {
        NDArray[] rays = RaySampler.sample(manager.create(camera, new Shape(1, 25)), RES);
        float[] o = rays[0].toFloatArray(), d = rays[1].toFloatArray();
        float[] depth = new float[RES * RES];
        for (int p = 0; p < depth.length; p++) {
            double b = 0, c = -RADIUS * RADIUS;
            for (int k = 0; k < 3; k++) {
                b += o[3 * p + k] * d[3 * p + k];
                c += o[3 * p + k] * o[3 * p + k];
            }
            double disc = b * b - c;
            depth[p] = disc > 0 ? (float) (-b - Math.sqrt(disc)) : Float.NaN;
        }
        return depth;
    }

    private static float[] camera(double yaw) {
        return LookAtPoseSampler.camera(Math.PI / 2 + yaw, Math.PI / 2, new double[] {0, 0, 0}, 2.7, 30).toArray();
    }

    @Test
    void anAnalyticSphereIsConsistentAndAScaledDepthGivesItsRelativeError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] camA = camera(-0.3), camB = camera(0.3);
            float[] depthA = sphereDepth(manager, camA), depthB = sphereDepth(manager, camB);
            DepthReprojection.Result exact = DepthReprojection.compare(depthA, camA, null, depthB, camB, null, RES);
            assertTrue(exact.coVisible() > 500, "most of the sphere is seen from both: " + exact);
            assertTrue(exact.medianRelativeError() < 2e-4, "exact depths reproject onto each other: " + exact);

            float[] scaled = depthB.clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= 1.1f;
            }
            // |d − 1.1·d| / (1.1·d) = 0.1/1.1 wherever the reprojection itself is exact.
            DepthReprojection.Result off = DepthReprojection.compare(depthA, camA, null, scaled, camB, null, RES);
            assertEquals(0.1 / 1.1, off.medianRelativeError(), 5e-4);
            assertEquals(exact.coVisible(), off.coVisible());
        }
    }

    @Test
    void viewsThatShareNoPixelsReportNaN() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] camA = camera(0);
            float[] away = LookAtPoseSampler.camera(Math.PI / 2, Math.PI / 2, new double[] {0, 0, 40}, 2.7, 30).toArray();
            DepthReprojection.Result r = DepthReprojection.compare(sphereDepth(manager, camA), camA, null,
                    sphereDepth(manager, camA), away, null, RES);
            assertEquals(0, r.coVisible());
            assertTrue(Double.isNaN(r.medianRelativeError()));
        }
    }

    /** Reports the metric for the fixture's trained-like weights and for a random initialisation. */
    @Test
    void generatorsRenderOneLatentFromTwoViews() {
        java.nio.file.Path snapshot = MetricFixtures.requireOrSkip(MetricFixtures.TINY_SNAPSHOT);
        try (NDManager manager = NDManager.newBaseManager(); Network net = NetworkFile.load(snapshot, manager)) {
            TriPlaneGenerator fixture = net.generatorEma();
            try (TriPlaneGenerator random = new TriPlaneGenerator(fixture.getConfig(), Params.initialize(manager, 0))) {
                for (TriPlaneGenerator g : new TriPlaneGenerator[] {fixture, random}) {
                    float[] camA = camera(-0.25), camB = camera(0.25);
                    java.util.Random rng = new java.util.Random(0);
                    float[] z = new float[g.getConfig().zDim()];
                    for (int i = 0; i < z.length; i++) {
                        z[i] = (float) rng.nextGaussian();
                    }
                    NDArray ws = g.mapping(manager.create(z, new Shape(1, z.length)),
                            manager.create(camera(0), new Shape(1, 25)), 1f, null);
                    for (float threshold : new float[] {0.5f, 0f}) {
                        DepthReprojection.Result r = DepthReprojection.forGenerator(g, ws, camA, camB,
                                RenderSpec.reproducible(), threshold);
                        System.out.println("depth reprojection (" + (g == fixture ? "fixture weights" : "random init")
                                + ", opacity > " + threshold + "): " + r);
                        int res = g.getConfig().neuralRenderingResolution();
                        assertEquals(res * res, r.pixels());
                        assertTrue(r.coVisible() == 0 || r.medianRelativeError() >= 0, r.toString());
                    }
                }
            }
        }
    }
}
