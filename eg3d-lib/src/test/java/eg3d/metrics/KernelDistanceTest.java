package eg3d.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelDistanceTest {

    @Test
    void oneFullSubsetEqualsTheUnbiasedMmdComputedByHand() {
        Random random = new Random(5);
        float[][] real = gaussian(random, 30, 6, 0), gen = gaussian(random, 30, 6, 0.7);
        // With m = n the subset is a permutation of the whole set, and the estimator ignores order.
        double got = KernelDistance.compute(real, gen, 1, 1000, 123);
        assertEquals(handMmd2(gen, real, false), got, 1e-9 * Math.abs(got));
        assertTrue(got > 0.05, "shifted sets are far apart: " + got);
    }

    @Test
    void isUnbiasedForTwoSamplesOfTheSameDistributionWhileTheBiasedStatisticIsNot() {
        Random random = new Random(6);
        int trials = 300;
        double sum = 0, sumSquares = 0, biased = 0;
        for (int t = 0; t < trials; t++) {
            float[][] a = gaussian(random, 12, 4, 0), b = gaussian(random, 12, 4, 0);
            double kid = KernelDistance.compute(a, b, 1, 1000, t);
            sum += kid;
            sumSquares += kid * kid;
            biased += handMmd2(a, b, true);
        }
        double mean = sum / trials, stderr = Math.sqrt((sumSquares / trials - mean * mean) / trials);
        assertTrue(Math.abs(mean) < 3 * stderr, "mean KID " + mean + " ± " + stderr + " should be 0");
        assertTrue(biased / trials > 10 * stderr, "the biased V-statistic stays positive: " + biased / trials);
    }

    @Test
    void theSameSeedGivesTheSameSubsetsAndValue() {
        Random random = new Random(7);
        float[][] real = gaussian(random, 50, 3, 0), gen = gaussian(random, 40, 3, 0.2);
        double first = KernelDistance.compute(real, gen, 10, 20, 99);
        assertEquals(first, KernelDistance.compute(real, gen, 10, 20, 99), 0);
        assertTrue(first != KernelDistance.compute(real, gen, 10, 20, 100), "another seed draws other subsets");
    }

    /** Direct double loops over k(x, y) = (xᵀy/D + 1)³; with {@code biased}, i = j terms are kept. */
    static double handMmd2(float[][] x, float[][] y, boolean biased) {
        int m = x.length, d = x[0].length;
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (biased || i != j) {
                    xx += k(x[i], x[j], d);
                    yy += k(y[i], y[j], d);
                }
                xy += k(x[i], y[j], d);
            }
        }
        double pairs = biased ? (double) m * m : (double) m * (m - 1);
        return (xx + yy) / pairs - 2 * xy / ((double) m * m);
    }

    private static double k(float[] a, float[] b, int d) {
        double dot = 0;
        for (int i = 0; i < d; i++) {
            dot += (double) a[i] * b[i];
        }
        return Math.pow(dot / d + 1, 3);
    }

    static float[][] gaussian(Random random, int n, int d, double shift) {
        float[][] x = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) (random.nextGaussian() + shift);
            }
        }
        return x;
    }
}
