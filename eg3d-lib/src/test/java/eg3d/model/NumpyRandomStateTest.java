package eg3d.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values are numpy's: {@code np.random.RandomState(seed).randn(n)} and {@code .randint}. */
class NumpyRandomStateTest {
    @Test
    void latentsMatchNumpy() {
        float[] z0 = NumpyRandomState.randn(0, 3);
        assertEquals(1.76405235f, z0[0], 1e-7f);
        assertEquals(0.40015721f, z0[1], 1e-7f);
        assertEquals(0.97873798f, z0[2], 1e-7f);
        float[] z42 = NumpyRandomState.randn(42, 2);
        assertEquals(0.49671415f, z42[0], 1e-7f);
        assertEquals(-0.1382643f, z42[1], 1e-7f);
    }

    @Test
    void rawDrawsMatchMt19937() {
        NumpyRandomState r = new NumpyRandomState(0);
        assertEquals(2357136044L, Integer.toUnsignedLong(r.nextInt32()));
        assertEquals(2546248239L, Integer.toUnsignedLong(r.nextInt32()));
    }
}
