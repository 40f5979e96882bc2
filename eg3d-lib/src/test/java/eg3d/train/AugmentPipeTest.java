package eg3d.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.train.AugmentPipe.Transform;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentPipeTest {
    private static final float TOL = 1e-5f;

    private static NDArray images(NDManager m, long seed, int n, int c, int size) {
        Random r = new Random(seed);
        float[] v = new float[n * c * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return m.create(v, new Shape(n, c, size, size));
    }

    private static void assertClose(NDArray want, NDArray got, float tol, String what) {
        float[] a = want.toFloatArray(), b = got.toFloatArray();
        assertEquals(a.length, b.length, what + ": sizes");
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        assertTrue(worst <= tol, what + ": max abs difference " + worst + " > " + tol);
    }

    private static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    @Test
    void atPZeroTheOutputIsTheInputExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = images(m, 1, 4, 6, 16);
            NDArray y = new AugmentPipe(AugmentPipe.BGC, 0, null).apply(x, new Random(3));
            assertArrayEquals(x.toFloatArray(), y.toFloatArray());
        }
    }

    @Test
    void xflipAloneAtPOneMirrorsAboutHalfTheSamplesExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            int n = 16;
            NDArray x = images(m, 2, n, 6, 8);
            NDArray y = new AugmentPipe(Map.of(Transform.XFLIP, 1.0), 1, null).apply(x, new Random(5));
            NDArray mirrored = x.flip(3);
            int flips = 0;
            for (int i = 0; i < n; i++) {
                float[] got = y.get(i).toFloatArray();
                boolean same = Arrays.equals(got, x.get(i).toFloatArray());
                boolean flipped = Arrays.equals(got, mirrored.get(i).toFloatArray());
                assertTrue(same || flipped, "sample " + i + " is neither the input nor its mirror");
                flips += flipped ? 1 : 0;
            }
            assertTrue(flips > 2 && flips < n - 2, "x-flip fires with probability 1/2 at p = 1; got " + flips + " of " + n);
        }
    }

    /** A gray pixel lies on the luma axis: luma flip negates it, hue and saturation leave it. */
    @Test
    void colourTransformsActOnTheLumaAxisAsDefined() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray gray = m.full(new Shape(8, 3, 4, 4), 0.5f);
            NDArray flipped = new AugmentPipe(Map.of(Transform.LUMAFLIP, 1.0), 1, null).apply(gray, new Random(1));
            int negated = 0;
            for (int i = 0; i < 8; i++) {
                float v = flipped.get(i).mean().getFloat();
                assertTrue(Math.abs(v - 0.5f) < TOL || Math.abs(v + 0.5f) < TOL, "luma flip of gray 0.5 gave " + v);
                negated += v < 0 ? 1 : 0;
            }
            assertTrue(negated > 0 && negated < 8, "luma flip fires with probability 1/2; negated " + negated + " of 8");
            NDArray kept = new AugmentPipe(Map.of(Transform.HUE, 1.0, Transform.SATURATION, 1.0), 1, null)
                    .apply(gray, new Random(2));
            assertClose(gray, kept, TOL, "hue and saturation on gray");
            NDArray colourful = images(m, 9, 8, 3, 4);
            assertTrue(maxAbsDiff(colourful, new AugmentPipe(Map.of(Transform.HUE, 1.0), 1, null)
                    .apply(colourful, new Random(2))) > 0.05f, "hue rotation must change coloured pixels");
        }
    }

    /** Both halves of the pair get the transform each half gets alone under the same draws. */
    @Test
    void theSameTransformHitsBothHalvesOfThePair() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray image = images(m, 3, 6, 3, 16), raw = images(m, 4, 6, 3, 16);
            AugmentPipe pipe = new AugmentPipe(AugmentPipe.BGC, 1, null);
            NDArray pair = pipe.apply(image.concat(raw, 1), new Random(11));
            NDArray imageAlone = pipe.apply(image, new Random(11)), rawAlone = pipe.apply(raw, new Random(11));
            assertClose(imageAlone, pair.get(":, :3"), TOL, "image half");
            assertClose(rawAlone, pair.get(":, 3:"), TOL, "raw half");
            assertTrue(maxAbsDiff(image, imageAlone) > 0.1f, "at p = 1 the pipe must change the images");
        }
    }

    @Test
    void applyPairKeepsTheRawResolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray image = images(m, 5, 2, 3, 16), raw = images(m, 6, 2, 3, 8);
            NDArray[] out = new AugmentPipe(AugmentPipe.BGC, 0.5, null).applyPair(image, raw, new Random(1));
            assertEquals(new Shape(2, 3, 16, 16), out[0].getShape());
            assertEquals(new Shape(2, 3, 8, 8), out[1].getShape());
        }
    }

    /** Fakes need G's gradient through the pipe; R1 needs a second derivative through it. */
    @Test
    void gradientsFlowThroughThePipeToTheInputAndThroughR1ToParameters() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); R1Gradients r1 = new R1Gradients(m)) {
            NDArray image = images(m, 7, 2, 3, 8), raw = images(m, 8, 2, 3, 8), w = images(m, 9, 1, 6, 8);
            image.setRequiresGradient(true);
            raw.setRequiresGradient(true);
            w.setRequiresGradient(true);
            AugmentPipe pipe = new AugmentPipe(AugmentPipe.BGC, 1, null);
            try (AutoCloseable grad = Autograd.recording()) {
                NDArray[] out = pipe.applyPair(image, raw, new Random(4));
                NDArray logits = out[0].concat(out[1], 1).square().mul(w).sum(new int[] {1, 2, 3}).reshape(2, 1);
                NDArray penalty = r1.penalty(logits, image, raw);
                Autograd.backward(penalty.sum());
            }
            NDArray dw = Autograd.grad(w);
            assertNotNull(dw, "no gradient reached the parameter through R1 and the pipe");
            float[] g = dw.toFloatArray();
            double norm = 0;
            for (float v : g) {
                assertTrue(Float.isFinite(v), "non-finite parameter gradient");
                norm += v * v;
            }
            assertTrue(norm > 0, "zero parameter gradient through R1 and the pipe");

            NDArray x = images(m, 10, 2, 6, 8);
            x.setRequiresGradient(true);
            try (AutoCloseable grad = Autograd.recording()) {
                Autograd.backward(pipe.apply(x, new Random(4)).mul(w).sum());
            }
            float[] gx = Autograd.grad(x).toFloatArray();
            assertTrue(Arrays.stream(toDoubles(gx)).allMatch(Double::isFinite), "non-finite input gradient");
            assertTrue(Arrays.stream(toDoubles(gx)).anyMatch(v -> v != 0), "zero input gradient");
        }
    }

    private static double[] toDoubles(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    @Test
    void adaMovesPTowardsTheTargetAndNeverBelowZero() {
        AugmentPipe pipe = new AugmentPipe(AugmentPipe.BGC, 0, 0.6);
        int batch = 4;
        double step = batch * AugmentPipe.ADA_INTERVAL / (AugmentPipe.ADA_KIMG * 1000);
        pipe.observeRealLogits(new float[] {1f, 2f, 0.5f, -1f, 3f});                       // mean sign 0.6: no move
        assertTrue(pipe.adaStep(4, batch));
        assertEquals(0, pipe.getP());
        pipe.observeRealLogits(new float[] {1f, 2f, 0.5f, 1f});                             // 1 > 0.6: up
        assertFalse(pipe.adaStep(5, batch), "adjusts only every ADA_INTERVAL steps");
        assertTrue(pipe.adaStep(8, batch));
        assertEquals(step, pipe.getP(), 1e-15);
        pipe.observeRealLogits(new float[] {1f, 1f, 1f, 1f});
        pipe.adaStep(12, batch);
        assertEquals(2 * step, pipe.getP(), 1e-15);
        pipe.observeRealLogits(new float[] {1f, -1f, -1f, 1f});                             // 0 < 0.6: down
        pipe.adaStep(16, batch);
        assertEquals(step, pipe.getP(), 1e-15);
        for (int k = 0; k < 3; k++) {
            pipe.observeRealLogits(new float[] {-1f, -1f});
            pipe.adaStep(20 + 4L * k, batch);
        }
        assertEquals(0, pipe.getP(), "p is clamped at 0");
        AugmentPipe fixed = new AugmentPipe(AugmentPipe.BGC, 0.2, null);
        fixed.observeRealLogits(new float[] {1f});
        assertFalse(fixed.adaStep(4, batch));
        assertEquals(0.2, fixed.getP());
    }
}
