package eg3d.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The blur of the blur fade: its taps, and its gradient, which must be the blur itself (a symmetric zero-padded filter is self-adjoint). */
class BlurTest {
    @Test
    void tapsAreNormalisedPowersOfTwo() {
        float[] f = Blur.taps(2.0);
        assertEquals(13, f.length);
        double sum = 0;
        for (float v : f) {
            sum += v;
        }
        assertEquals(1, sum, 1e-6);
        assertEquals(Math.pow(2, -1) * f[6], f[8], 1e-7);
        assertEquals(0, Blur.taps(0.3).length);
    }

    @Test
    void gradientIsTheBlurOfTheUpstreamGradient() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            NDArray x = m.randomNormal(new Shape(2, 3, 20, 17));
            NDArray y = m.randomNormal(new Shape(2, 3, 20, 17));
            Autograd.requireGrad(java.util.List.of(x), true);
            try (AutoCloseable rec = Autograd.recording()) {
                Autograd.backward(Blur.apply(x, 2.0).mul(y).sum());
            }
            float[] expected = Blur.apply(y, 2.0).toFloatArray();
            assertArrayEquals(expected, Autograd.grad(x).toFloatArray(), 1e-5f);
        }
    }
}
