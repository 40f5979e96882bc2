package eg3d.metrics;

/**
 * The Fréchet distance between Gaussians N(μ1, Σ1) and N(μ2, Σ2), in float64:
 * FID = |μ1 − μ2|² + tr Σ1 + tr Σ2 − 2·tr √(Σ1 Σ2).
 *
 * <p>tr √(Σ1 Σ2) is taken as tr √(√Σ1 Σ2 √Σ1): that product is symmetric positive semi-definite
 * and has the same eigenvalues as Σ1 Σ2, so both square roots come from symmetric
 * eigendecompositions and negative round-off eigenvalues are clamped to 0. This stays well defined
 * for rank-deficient covariances (fewer samples than feature dimensions), where a generic matrix
 * square root of the non-symmetric Σ1 Σ2 can return complex noise.
 *
 * <p>Eigenvalues below the numerical rank threshold n·ε·max|λ| count as 0. Without the cut, the
 * square root turns round-off of size 1e-13 into terms of size 1e-7 per null direction, and a set
 * against itself gets FID −1e-4 instead of 0 when there are fewer samples than dimensions.
 */
public final class FrechetDistance {
    private FrechetDistance() {}

    /** FID from two means [D] and two covariances [D,D]. */
    public static double compute(double[] mean1, double[][] cov1, double[] mean2, double[][] cov2) {
        int n = mean1.length;
        check("mean2", mean2.length, n);
        check("cov1", cov1.length, n);
        check("cov2", cov2.length, n);
        double meanTerm = 0, traces = 0;
        for (int i = 0; i < n; i++) {
            double diff = mean1[i] - mean2[i];
            meanTerm += diff * diff;
            traces += cov1[i][i] + cov2[i][i];
        }
        return meanTerm + traces - 2 * traceSqrtProduct(cov1, cov2);
    }

    /** FID between two accumulated feature sets. */
    public static double compute(FeatureStats a, FeatureStats b) {
        return compute(a.getMean(), a.getCovariance(), b.getMean(), b.getCovariance());
    }

    /** tr √(Σ1 Σ2) for symmetric PSD Σ1, Σ2. */
    public static double traceSqrtProduct(double[][] cov1, double[][] cov2) {
        double[][] root1 = sqrtPsd(cov1);
        double[][] product = multiply(multiply(root1, cov2), root1);
        double[] lambda = SymmetricEigen.valuesOf(product);
        double cut = rankThreshold(lambda), trace = 0;
        for (double l : lambda) {
            trace += l > cut ? Math.sqrt(l) : 0;
        }
        return trace;
    }

    /** √A = V·diag(√max(λ, 0))·Vᵀ for a symmetric PSD matrix A. */
    public static double[][] sqrtPsd(double[][] a) {
        SymmetricEigen eigen = SymmetricEigen.of(a);
        double[] lambda = eigen.getValues();
        double[][] vt = eigen.getVectorsTransposed();
        int n = lambda.length;
        double cut = rankThreshold(lambda);
        double[][] scaled = new double[n][];                  // rows √λ_i · v_iᵀ
        for (int i = 0; i < n; i++) {
            double s = lambda[i] > cut ? Math.sqrt(lambda[i]) : 0;
            scaled[i] = new double[n];
            for (int j = 0; j < n; j++) {
                scaled[i][j] = s * vt[i][j];
            }
        }
        double[][] root = new double[n][n];                   // Σ_i √λ_i v_i v_iᵀ
        for (int k = 0; k < n; k++) {
            double[] v = vt[k], sv = scaled[k];
            for (int i = 0; i < n; i++) {
                double f = v[i];
                if (f == 0) {
                    continue;
                }
                double[] row = root[i];
                for (int j = 0; j < n; j++) {
                    row[j] += f * sv[j];
                }
            }
        }
        return root;
    }

    /** n·ε·max|λ|: eigenvalues at or below it are indistinguishable from 0 in float64. */
    static double rankThreshold(double[] lambda) {
        double max = 0;
        for (double l : lambda) {
            max = Math.max(max, Math.abs(l));
        }
        return lambda.length * Math.ulp(1.0) * max;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length, m = b[0].length, inner = b.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            double[] ci = c[i], ai = a[i];
            for (int k = 0; k < inner; k++) {
                double f = ai[k];
                if (f == 0) {
                    continue;
                }
                double[] bk = b[k];
                for (int j = 0; j < m; j++) {
                    ci[j] += f * bk[j];
                }
            }
        }
        return c;
    }

    private static void check(String what, int got, int expected) {
        if (got != expected) {
            throw new IllegalArgumentException("FID: " + what + " has " + got + " dimensions, mean1 has " + expected
                    + "; both feature sets must come from the same detector");
        }
    }
}
