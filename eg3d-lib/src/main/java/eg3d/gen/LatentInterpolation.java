package eg3d.gen;

/**
 * The official video interpolation between keyframe latents: a not-a-knot cubic spline through
 * the keyframes repeated {@code 2·wraps + 1} times (so the loop is smooth where it wraps), sampled
 * at t ∈ [0, K). The spline is linear in the keyframes, so it is precomputed as weights.
 */
public final class LatentInterpolation {
    private final int keyframes, wraps, knots;
    private final double[][] secondDerivatives;   // M = G·y: row i gives M_i as weights over the knots

    public LatentInterpolation(int keyframes, int wraps) {
        if (keyframes < 1) {
            throw new IllegalArgumentException("--num-keyframes: need at least 1, got " + keyframes);
        }
        this.keyframes = keyframes;
        this.wraps = wraps;
        this.knots = keyframes * (2 * wraps + 1);
        this.secondDerivatives = knots >= 4 ? solveNotAKnot(knots) : null;
    }

    /** Weights over the K keyframes for time t (in keyframes, 0 ≤ t &lt; K). */
    public double[] weights(double t) {
        double[] w = new double[keyframes];
        if (keyframes == 1 || secondDerivatives == null) {
            w[0] = 1;
            return w;
        }
        double x = t + keyframes * wraps;                 // knot index coordinate (knots at 0 … knots−1)
        int i = Math.min((int) Math.floor(x), knots - 2);
        double u = x - i;
        double[] full = new double[knots];
        full[i] += 1 - u;
        full[i + 1] += u;
        double a = ((1 - u) * (1 - u) * (1 - u) - (1 - u)) / 6, b = (u * u * u - u) / 6;
        for (int j = 0; j < knots; j++) {
            full[j] += a * secondDerivatives[i][j] + b * secondDerivatives[i + 1][j];
        }
        for (int j = 0; j < knots; j++) {
            w[j % keyframes] += full[j];
        }
        return w;
    }

    /** G with M = G·y for unit-spaced knots: interior M_{i−1} + 4M_i + M_{i+1} = 6Δ²y, not-a-knot ends. */
    private static double[][] solveNotAKnot(int n) {
        double[][] a = new double[n][n], b = new double[n][n];
        a[0][0] = 1;
        a[0][1] = -2;
        a[0][2] = 1;
        a[n - 1][n - 3] = 1;
        a[n - 1][n - 2] = -2;
        a[n - 1][n - 1] = 1;
        for (int i = 1; i < n - 1; i++) {
            a[i][i - 1] = 1;
            a[i][i] = 4;
            a[i][i + 1] = 1;
            b[i][i - 1] = 6;
            b[i][i] = -12;
            b[i][i + 1] = 6;
        }
        // Gauss–Jordan with partial pivoting on [A | B].
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col]; a[col] = a[pivot]; a[pivot] = t;
            t = b[col]; b[col] = b[pivot]; b[pivot] = t;
            double d = a[col][col];
            for (int k = 0; k < n; k++) {
                a[col][k] /= d;
                b[col][k] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && a[r][col] != 0) {
                    double f = a[r][col];
                    for (int k = 0; k < n; k++) {
                        a[r][k] -= f * a[col][k];
                        b[r][k] -= f * b[col][k];
                    }
                }
            }
        }
        return b;
    }
}
