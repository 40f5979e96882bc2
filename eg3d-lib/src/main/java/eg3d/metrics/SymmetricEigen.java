package eg3d.metrics;

/**
 * Eigendecomposition of a real symmetric matrix in float64: Householder reduction to tridiagonal
 * form, then implicit QR steps with Wilkinson shifts (Golub and Van Loan, §8.3). A = V·diag(λ)·Vᵀ
 * with orthonormal V. Stable for rank-deficient and indefinite input, which is why FID takes this
 * route instead of a generic square root of a non-symmetric product.
 */
public final class SymmetricEigen {
    private static final double EPS = Math.ulp(1.0);

    private final double[] values;
    private final double[][] vectorsT;

    private SymmetricEigen(double[] values, double[][] vectorsT) {
        this.values = values;
        this.vectorsT = vectorsT;
    }

    /** Eigenvalues and eigenvectors of the symmetric matrix {@code a} (only its lower triangle is read). */
    public static SymmetricEigen of(double[][] a) {
        return decompose(a, true);
    }

    /** Eigenvalues only, in no particular order; cheaper than {@link #of}. */
    public static double[] valuesOf(double[][] a) {
        return decompose(a, false).values;
    }

    /** λ, in no particular order. */
    public double[] getValues() {
        return values.clone();
    }

    /** Row i is the unit eigenvector of λ_i (that is, Vᵀ). */
    public double[][] getVectorsTransposed() {
        return vectorsT;
    }

    private static SymmetricEigen decompose(double[][] input, boolean wantVectors) {
        int n = input.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (input[i].length != n) {
                throw new IllegalArgumentException("eigendecomposition: row " + i + " has " + input[i].length
                        + " entries; the matrix must be square (" + n + "×" + n + ")");
            }
            for (int j = 0; j <= i; j++) {
                if (!Double.isFinite(input[i][j])) {
                    throw new IllegalArgumentException("eigendecomposition: entry (" + i + "," + j + ") is " + input[i][j]
                            + "; the covariance must be finite (check the features for NaN)");
                }
                a[i][j] = input[i][j];
                a[j][i] = input[i][j];
            }
        }
        // w holds Vᵀ, so every update below touches contiguous rows.
        double[][] w = wantVectors ? identity(n) : new double[0][];
        double[] d = new double[n], e = new double[Math.max(n - 1, 0)];
        tridiagonalize(a, w, d, e, wantVectors);
        diagonalize(d, e, w, wantVectors);
        return new SymmetricEigen(d, w);
    }

    /** A ← H·A·H for k = 0..n−3, each H zeroing column k below the subdiagonal; w ← H·w. */
    private static void tridiagonalize(double[][] a, double[][] w, double[] d, double[] e, boolean wantVectors) {
        int n = a.length;
        double[] v = new double[n], p = new double[n], u = new double[n];
        for (int k = 0; k < n - 2; k++) {
            int m = n - k - 1;                              // size of the trailing block, rows k+1..n−1
            double norm = 0;
            for (int i = 0; i < m; i++) {
                v[i] = a[k + 1 + i][k];
                norm = Math.hypot(norm, v[i]);
            }
            if (norm == 0) {
                continue;
            }
            double alpha = v[0] > 0 ? -norm : norm;         // the sign that avoids cancellation in v0 − α
            v[0] -= alpha;
            double vv = 0;
            for (int i = 0; i < m; i++) {
                vv += v[i] * v[i];
            }
            if (vv == 0) {
                continue;
            }
            double beta = 2 / vv;
            // B ← H B H = B − v qᵀ − q vᵀ with p = βBv and q = p − (β/2)(pᵀv) v.
            double pv = 0;
            for (int i = 0; i < m; i++) {
                double[] row = a[k + 1 + i];
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += row[k + 1 + j] * v[j];
                }
                p[i] = beta * s;
                pv += p[i] * v[i];
            }
            for (int i = 0; i < m; i++) {
                p[i] -= 0.5 * beta * pv * v[i];
            }
            for (int i = 0; i < m; i++) {
                double[] row = a[k + 1 + i];
                for (int j = 0; j < m; j++) {
                    row[k + 1 + j] -= v[i] * p[j] + p[i] * v[j];
                }
            }
            a[k + 1][k] = alpha;
            a[k][k + 1] = alpha;
            for (int i = 1; i < m; i++) {
                a[k + 1 + i][k] = 0;
                a[k][k + 1 + i] = 0;
            }
            if (wantVectors) {
                // w ← H w on rows k+1..n−1: w −= β v (vᵀ w).
                java.util.Arrays.fill(u, 0);
                for (int i = 0; i < m; i++) {
                    double[] row = w[k + 1 + i];
                    for (int j = 0; j < n; j++) {
                        u[j] += v[i] * row[j];
                    }
                }
                for (int i = 0; i < m; i++) {
                    double[] row = w[k + 1 + i];
                    double f = beta * v[i];
                    for (int j = 0; j < n; j++) {
                        row[j] -= f * u[j];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            d[i] = a[i][i];
            if (i + 1 < n) {
                e[i] = a[i + 1][i];
            }
        }
    }

    /** Implicit symmetric QR on the tridiagonal (d, e), deflating from the bottom; w ← Gᵀ w per rotation. */
    private static void diagonalize(double[] d, double[] e, double[][] w, boolean wantVectors) {
        int n = d.length;
        int hi = n - 1;
        int iterations = 0;
        while (hi > 0) {
            if (negligible(e[hi - 1], d[hi - 1], d[hi])) {
                e[hi - 1] = 0;
                hi--;
                continue;
            }
            if (++iterations > 50 * n) {
                throw new IllegalStateException("eigendecomposition did not converge after " + iterations
                        + " QR steps; the matrix may hold extreme values (check the features)");
            }
            int lo = hi - 1;
            while (lo > 0 && !negligible(e[lo - 1], d[lo - 1], d[lo])) {
                lo--;
            }
            // Wilkinson shift: the eigenvalue of the trailing 2×2 block nearer d[hi].
            double delta = (d[hi - 1] - d[hi]) / 2, q = e[hi - 1];
            double denom = delta + (delta >= 0 ? 1 : -1) * Math.hypot(delta, q);
            double mu = d[hi] - q * q / denom;
            double x = d[lo] - mu, z = e[lo];
            for (int k = lo; k < hi; k++) {
                double r = Math.hypot(x, z);
                double c = r == 0 ? 1 : x / r, s = r == 0 ? 0 : -z / r;
                if (k > lo) {
                    e[k - 1] = r;                           // the bulge is chased down one row
                }
                double p0 = d[k], q0 = e[k], t0 = d[k + 1];
                d[k] = p0 * c * c - 2 * q0 * c * s + t0 * s * s;
                d[k + 1] = p0 * s * s + 2 * q0 * c * s + t0 * c * c;
                e[k] = c * s * (p0 - t0) + q0 * (c * c - s * s);
                if (k + 1 < hi) {
                    z = -s * e[k + 1];                      // new bulge at (k, k+2)
                    e[k + 1] = c * e[k + 1];
                    x = e[k];
                }
                if (wantVectors) {
                    double[] rk = w[k], rk1 = w[k + 1];
                    for (int j = 0; j < rk.length; j++) {
                        double a0 = rk[j], b0 = rk1[j];
                        rk[j] = c * a0 - s * b0;
                        rk1[j] = s * a0 + c * b0;
                    }
                }
            }
        }
    }

    private static boolean negligible(double offDiagonal, double d0, double d1) {
        return Math.abs(offDiagonal) <= EPS * (Math.abs(d0) + Math.abs(d1)) || Math.abs(offDiagonal) < Double.MIN_NORMAL;
    }

    private static double[][] identity(int n) {
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1;
        }
        return id;
    }
}
