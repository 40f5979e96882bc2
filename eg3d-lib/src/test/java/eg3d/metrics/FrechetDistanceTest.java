package eg3d.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    @Test
    void matrixSquareRootSquaresBackForFullAndRankDeficientMatrices() {
        Random random = new Random(3);
        for (int rank : new int[] {12, 5, 1}) {
            double[][] a = MatrixTestData.psd(12, rank, random);
            double[][] root = FrechetDistance.sqrtPsd(a);
            assertTrue(MatrixTestData.maxAbsDiff(FrechetDistance.multiply(root, root), a) < 1e-11, "rank " + rank);
            assertTrue(MatrixTestData.maxAbsDiff(root, MatrixTestData.transpose(root)) < 1e-12, "√A is symmetric");
        }
    }

    @Test
    void commutingDiagonalCovariancesGiveTheClosedForm() {
        double[] m1 = {0, 1, 2}, m2 = {1, 1, 0};
        double[] a = {4, 9, 0}, b = {1, 16, 2};
        double expected = 1 + 0 + 4 + Math.pow(2 - 1, 2) + Math.pow(3 - 4, 2) + Math.pow(0 - Math.sqrt(2), 2);
        assertEquals(expected, FrechetDistance.compute(m1, diag(a), m2, diag(b)), 1e-12);
    }

    /**
     * Block-diagonal 2×2 covariances hidden by a common random rotation. For one 2×2 block,
     * tr √(AB) = √(tr(AB) + 2√(det A det B)) (the eigenvalues of AB are real and non-negative),
     * a formula independent of the eigendecomposition route. One case is rank-deficient.
     */
    @Test
    void matchesAnIndependentTwoByTwoBlockReferenceWithinOneMillionthRelative() {
        Random random = new Random(4);
        for (boolean rankDeficient : new boolean[] {false, true}) {
            int blocks = 5, n = 2 * blocks;
            double[][] a = new double[n][n], b = new double[n][n];
            double[] m1 = new double[n], m2 = new double[n];
            double expected = 0;
            for (int k = 0; k < blocks; k++) {
                double[][] ab = MatrixTestData.psd(2, rankDeficient && k % 2 == 0 ? 1 : 2, random);
                double[][] bb = MatrixTestData.psd(2, rankDeficient && k == 1 ? 0 + 1 : 2, random);
                if (rankDeficient && k == 4) {
                    ab = new double[2][2];                        // a zero block: rank 0
                }
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        a[2 * k + i][2 * k + j] = ab[i][j];
                        b[2 * k + i][2 * k + j] = bb[i][j];
                    }
                }
                double[][] prod = FrechetDistance.multiply(ab, bb);
                double detA = ab[0][0] * ab[1][1] - ab[0][1] * ab[1][0], detB = bb[0][0] * bb[1][1] - bb[0][1] * bb[1][0];
                double traceSqrt = Math.sqrt(prod[0][0] + prod[1][1] + 2 * Math.sqrt(Math.max(detA * detB, 0)));
                expected += ab[0][0] + ab[1][1] + bb[0][0] + bb[1][1] - 2 * traceSqrt;
            }
            for (int i = 0; i < n; i++) {
                m1[i] = random.nextGaussian();
                m2[i] = random.nextGaussian();
                expected += (m1[i] - m2[i]) * (m1[i] - m2[i]);
            }
            double[][] q = MatrixTestData.orthogonal(n, random);
            double[] r1 = multiply(q, m1), r2 = multiply(q, m2);
            double got = FrechetDistance.compute(r1, MatrixTestData.rotate(a, q), r2, MatrixTestData.rotate(b, q));
            assertEquals(expected, got, 1e-6 * Math.abs(expected), "rank-deficient: " + rankDeficient);
        }
    }

    @Test
    void aFeatureSetAgainstItselfIsZeroEvenWithFewerSamplesThanDimensions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FeatureStats stats = new FeatureStats(false);
            stats.append(manager.randomNormal(new Shape(20, 64)).mul(3).add(1));   // rank 19 < 64
            assertEquals(0, FrechetDistance.compute(stats, stats), 1e-9 * 64 * 9);
        }
    }

    @Test
    void featureStatsMatchTheDefinitionOfMeanAndPopulationCovariance() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] x = {1, 2, 3, 6, 5, 4};                                       // rows (1,2), (3,6), (5,4)
            FeatureStats stats = new FeatureStats(true);
            stats.append(manager.create(x, new Shape(2, 2)));
            stats.append(manager.create(new float[] {5, 4}, new Shape(1, 2)));
            assertEquals(3, stats.getCount());
            assertEquals(3, stats.getMean()[0], 1e-12);
            assertEquals(4, stats.getMean()[1], 1e-12);
            double[][] cov = stats.getCovariance();
            assertEquals((4 + 0 + 4) / 3.0, cov[0][0], 1e-12);
            assertEquals((4 + 4 + 0) / 3.0, cov[1][1], 1e-12);
            assertEquals((-2 * -2 + 0 + 2 * 0) / 3.0, cov[0][1], 1e-12);
            assertEquals(3, stats.getAll().length);
            assertEquals(6f, stats.getAll()[1][1]);
        }
    }

    @Test
    void mismatchedDimensionsNameTheDetector() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrechetDistance.compute(new double[2], diag(new double[2]), new double[3], diag(new double[3])));
        assertTrue(e.getMessage().contains("same detector"), e.getMessage());
    }

    private static double[][] diag(double[] values) {
        double[][] d = new double[values.length][values.length];
        for (int i = 0; i < values.length; i++) {
            d[i][i] = values[i];
        }
        return d;
    }

    private static double[] multiply(double[][] q, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                out[i] += q[i][j] * v[j];
            }
        }
        return out;
    }
}
