package eg3d.metrics;

import java.util.Random;

/** Small matrices with known structure for the math tests. */
final class MatrixTestData {
    private MatrixTestData() {}

    /** A random orthogonal n×n matrix (Gram–Schmidt of Gaussian columns). */
    static double[][] orthogonal(int n, Random random) {
        double[][] q = new double[n][n];
        for (int col = 0; col < n; col++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextGaussian();
            }
            for (int prev = 0; prev < col; prev++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += v[i] * q[i][prev];
                }
                for (int i = 0; i < n; i++) {
                    v[i] -= dot * q[i][prev];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i][col] = v[i] / norm;
            }
        }
        return q;
    }

    /** B·Bᵀ for a random n×rank B: PSD with the given rank. */
    static double[][] psd(int n, int rank, Random random) {
        double[][] b = new double[n][rank];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < rank; j++) {
                b[i][j] = random.nextGaussian();
            }
        }
        return FrechetDistance.multiply(b, transpose(b));
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** Q·A·Qᵀ. */
    static double[][] rotate(double[][] a, double[][] q) {
        return FrechetDistance.multiply(FrechetDistance.multiply(q, a), transpose(q));
    }

    static double maxAbsDiff(double[][] a, double[][] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return worst;
    }
}
