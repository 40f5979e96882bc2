package eg3d.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.Eg3d;
import eg3d.GenerationSpec;
import eg3d.camera.LookAtPoseSampler;
import eg3d.model.Generated;
import eg3d.model.RenderSpec;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.NoiseMode;
import org.junit.jupiter.api.Test;

class RenderingTest {
    @Test
    void linspaceHitsBothEndsExactly() {
        float[] v = Linspace.of(2.25f, 3.3f, 24);
        assertEquals(2.25f, v[0]);
        assertEquals(3.3f, v[23]);
        for (int i = 1; i < v.length; i++) {
            assertTrue(v[i] > v[i - 1]);
        }
        assertArrayEquals(new float[] {0f, 0.5f, 1f}, Linspace.of(0f, 1f, 3));
    }

    @Test
    void rayDirectionsAreUnitAndCentredOnTheOpticalAxis() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] c = LookAtPoseSampler.camera(Math.PI / 2, Math.PI / 2, new double[] {0, 0, 0}, 2.7, 18.837).toArray();
            NDArray[] rays = RaySampler.sample(m.create(c, new Shape(1, 25)), 2);
            NDArray d = rays[1];
            assertArrayEquals(new float[] {1, 1, 1, 1}, d.square().sum(new int[] {2}).toFloatArray(), 1e-6f);
            // The mean of the four symmetric pixel rays points along the camera's forward axis (−z toward the origin).
            float[] mean = d.mean(new int[] {1}).toFloatArray();
            assertEquals(0f, mean[0], 1e-6f);
            assertEquals(0f, mean[1], 1e-6f);
            assertTrue(mean[2] < -0.99f);
        }
    }

    /** Chunked rendering, cached planes and the deterministic switch, on a freshly initialised nano model. */
    @Test
    void chunksAndCachedPlanesGiveTheSameImage() {
        try (Eg3d model = Eg3d.preset("nano", 3); NDManager m = NDManager.newBaseManager()) {
            TriPlaneGenerator g = model.getGenerator();
            NDArray z = m.randomNormal(new Shape(2, g.getConfig().zDim()));
            float[] cam = model.camera(GenerationSpec.defaults()).toArray();
            NDArray c = m.create(cam, new Shape(1, 25)).repeat(0, 2);
            NDArray ws = g.mapping(z, c, 1f, null);
            RenderSpec spec = RenderSpec.reproducible();
            try (Generated whole = g.synthesis(ws, c, spec);
                    Generated chunked = g.synthesis(ws, c, spec.withChunkRays(100));
                    TriPlanes planes = g.planes(ws, NoiseMode.CONST);
                    Generated cached = g.render(planes, ws, c, spec)) {
                assertTrue(whole.getImage().sub(chunked.getImage()).abs().max().getFloat() < 1e-5f, "chunking changes nothing");
                assertTrue(whole.getImageDepth().sub(chunked.getImageDepth()).abs().max().getFloat() < 1e-5f);
                assertTrue(whole.getImage().sub(cached.getImage()).abs().max().getFloat() == 0f, "cached planes are the same planes");
            }
            try (Generated a = g.synthesis(ws, c, spec.withDeterministic(false));
                    Generated b = g.synthesis(ws, c, spec.withDeterministic(false));
                    Generated d1 = g.synthesis(ws, c, spec);
                    Generated d2 = g.synthesis(ws, c, spec)) {
                assertEquals(0f, d1.getImageRaw().sub(d2.getImageRaw()).abs().max().getFloat(), "deterministic is repeatable");
                assertTrue(a.getImageDepth().sub(b.getImageDepth()).abs().max().getFloat() > 0f, "stochastic jitters the depths");
            }
        }
    }
}
