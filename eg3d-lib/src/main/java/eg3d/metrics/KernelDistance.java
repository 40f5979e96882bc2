package eg3d.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * KID: the unbiased estimate of the squared MMD between two feature sets with the polynomial
 * kernel k(x, y) = (xᵀy / D + 1)³, averaged over random subsets as the official metric does:
 * {@code numSubsets} draws of m = min(n_real, n_gen, maxSubsetSize) rows from each set, without
 * replacement. The subsets come from {@code seed}, so the value is reproducible.
 */
public final class KernelDistance {
    /** The official settings: 100 subsets of at most 1000 rows. */
    public static final int NUM_SUBSETS = 100;
    public static final int MAX_SUBSET_SIZE = 1000;

    private KernelDistance() {}

    public static double compute(float[][] real, float[][] generated, long seed) {
        return compute(real, generated, NUM_SUBSETS, MAX_SUBSET_SIZE, seed);
    }

    public static double compute(float[][] real, float[][] generated, int numSubsets, int maxSubsetSize, long seed) {
        if (real.length < 2 || generated.length < 2) {
            throw new IllegalArgumentException("KID: needs at least 2 real and 2 generated feature vectors, got "
                    + real.length + " and " + generated.length + "; raise the sample counts");
        }
        int dim = real[0].length;
        if (generated[0].length != dim) {
            throw new IllegalArgumentException("KID: real features have " + dim + " dimensions, generated ones "
                    + generated[0].length + "; use the same detector for both");
        }
        int m = Math.min(Math.min(real.length, generated.length), maxSubsetSize);
        SplittableRandom random = new SplittableRandom(seed);
        double total = 0;
        for (int subset = 0; subset < numSubsets; subset++) {
            float[][] x = choose(generated, m, random);
            float[][] y = choose(real, m, random);
            total += unbiasedMmd2(x, y, dim);
        }
        return total / numSubsets;
    }

    /**
     * MMD²_u = Σ_{i≠j} [k(x_i,x_j) + k(y_i,y_j)] / (m(m−1)) − 2 Σ_{i,j} k(x_i,y_j) / m², with the
     * kernel matrices from float64 matrix products on the engine (m = 1000, D = 2048 is 6 GFLOP per
     * subset, too much for a plain loop).
     */
    static double unbiasedMmd2(float[][] x, float[][] y, int dim) {
        int m = x.length;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray xs = rows(manager, x, dim), ys = rows(manager, y, dim);
            double kxx = kernelSum(xs, xs, dim, true), kyy = kernelSum(ys, ys, dim, true);
            double kxy = kernelSum(xs, ys, dim, false);
            return (kxx + kyy) / ((double) m * (m - 1)) - 2 * kxy / ((double) m * m);
        }
    }

    /** Σ k(a_i, b_j) over all pairs, or over i ≠ j when {@code offDiagonal}. */
    private static double kernelSum(NDArray a, NDArray b, int dim, boolean offDiagonal) {
        NDArray k = a.matMul(b.transpose()).div(dim).add(1).pow(3);
        double sum = k.sum().getDouble();
        if (offDiagonal) {
            sum -= k.getManager().eye((int) k.getShape().get(0), (int) k.getShape().get(0), 0, DataType.FLOAT64)
                    .mul(k).sum().getDouble();
        }
        return sum;
    }

    private static NDArray rows(NDManager manager, float[][] rows, int dim) {
        double[] flat = new double[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            for (int k = 0; k < dim; k++) {
                flat[i * dim + k] = rows[i][k];
            }
        }
        return manager.create(flat, new Shape(rows.length, dim));
    }

    /** m distinct rows, by a partial Fisher–Yates shuffle of the indices. */
    private static float[][] choose(float[][] rows, int m, SplittableRandom random) {
        int[] index = new int[rows.length];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        float[][] out = new float[m][];
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(index.length - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
            out[i] = rows[index[i]];
        }
        return out;
    }
}
