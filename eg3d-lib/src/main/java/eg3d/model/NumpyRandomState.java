package eg3d.model;

/**
 * numpy's legacy {@code RandomState(seed)}: MT19937 seeded from one 32-bit integer, doubles from
 * two 32-bit draws, normals by the polar Box–Muller method with one cached value.
 *
 * <p>The official scripts make latents as {@code RandomState(seed).randn(1, z_dim)}; drawing them
 * the same way means seed 42 here is seed 42 there, so images can be compared with papers and
 * with the official tools.
 */
public final class NumpyRandomState {
    private static final int N = 624, M = 397;
    private final int[] mt = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed " + seed + ": must be between 0 and 2**32 - 1, as in numpy");
        }
        long s = seed;
        for (int i = 0; i < N; i++) {
            mt[i] = (int) s;
            s = (1812433253L * (s ^ (s >>> 30)) + i + 1) & 0xffffffffL;
        }
        pos = N;
    }

    /** The next 32 random bits (MT19937 with tempering). */
    public int nextInt32() {
        if (pos >= N) {
            for (int i = 0; i < N; i++) {
                int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
                mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            pos = 0;
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** A double in [0, 1) with 53 random bits, as numpy's {@code random_sample}. */
    public double nextDouble() {
        long a = Integer.toUnsignedLong(nextInt32()) >>> 5, b = Integer.toUnsignedLong(nextInt32()) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** A standard normal, as numpy's legacy {@code standard_normal}. */
    public double nextGaussian() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1, x2, r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code RandomState(seed).randn(count)} as float32, the official latent for a seed. */
    public static float[] randn(long seed, int count) {
        NumpyRandomState r = new NumpyRandomState(seed);
        float[] z = new float[count];
        for (int i = 0; i < count; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return z;
    }
}
