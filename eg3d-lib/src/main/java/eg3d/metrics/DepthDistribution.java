package eg3d.metrics;

import java.util.Arrays;

/**
 * Geometry against ground truth as a comparison of depth distributions: generated foreground
 * depths versus the synthetic dataset's stored ground-truth depths (or any two depth samples).
 * The headline number is the 1-Wasserstein distance between the two empirical distributions,
 * W1 = ∫ |F_gen(t) − F_gt(t)| dt, in depth units; it is 0 for identical distributions and exactly
 * δ when one is the other shifted by δ. Non-finite values are ignored (background).
 */
public final class DepthDistribution {
    private DepthDistribution() {}

    /**
     * @param wasserstein1 W1 in depth units
     * @param relative     W1 divided by the ground truth's standard deviation
     */
    public record Result(double wasserstein1, double relative, double meanGenerated, double meanGroundTruth,
            double stdGenerated, double stdGroundTruth, int countGenerated, int countGroundTruth) {}

    public static Result compare(float[] generated, float[] groundTruth) {
        double[] a = finiteSorted(generated, "generated"), b = finiteSorted(groundTruth, "ground truth");
        double w1 = wasserstein1(a, b);
        double stdB = std(b);
        return new Result(w1, stdB > 0 ? w1 / stdB : Double.NaN, mean(a), mean(b), std(a), stdB, a.length, b.length);
    }

    /** ∫|F_a − F_b| over the merged support of two sorted samples. */
    static double wasserstein1(double[] a, double[] b) {
        int i = 0, j = 0;
        double total = 0, previous = Math.min(a[0], b[0]);
        while (i < a.length || j < b.length) {
            double next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            total += Math.abs((double) i / a.length - (double) j / b.length) * (next - previous);
            previous = next;
            while (i < a.length && a[i] == next) {
                i++;
            }
            while (j < b.length && b[j] == next) {
                j++;
            }
        }
        return total;
    }

    private static double[] finiteSorted(float[] values, String what) {
        double[] out = new double[values.length];
        int n = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                out[n++] = v;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("depth distribution: the " + what + " depths have no finite value; "
                    + "check the foreground mask");
        }
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double std(double[] x) {
        double m = mean(x), s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / x.length);
    }
}
