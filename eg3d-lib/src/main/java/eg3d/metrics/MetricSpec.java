package eg3d.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One metric by its official name. {@code fid50k_full}: FID of 50k generated images against the
 * whole dataset; {@code fid50k}: against the first 50k dataset images. {@code kid50k_full},
 * {@code pr50k3_full} (k = 3) likewise. Sizes are parameterised for small runs: {@code fid2k},
 * {@code kid1k_full}, {@code pr1k3}, and plain counts {@code fid500}, {@code pr200_3}.
 *
 * @param name       the name as given
 * @param kind       which statistic
 * @param numGen     generated images
 * @param maxReal    dataset images to use; null = all
 * @param nhoodSize  k of the k-NN manifold (precision/recall only, else 0)
 */
public record MetricSpec(String name, Kind kind, int numGen, @Nullable Integer maxReal, int nhoodSize) {
    /** The statistic a metric reports. */
    public enum Kind { FID, KID, PR }

    private static final Pattern FID_KID = Pattern.compile("(fid|kid)(\\d+)(k?)(_full)?");
    // pr50k3 = 50k samples, k = 3; a plain count needs a separator: pr200_3.
    private static final Pattern PR = Pattern.compile("pr(\\d+)(k|_)(\\d+)(_full)?");
    // The official _full variants cap KID at 1M and precision/recall at 200k dataset images.
    private static final int KID_FULL_MAX_REAL = 1_000_000;
    private static final int PR_FULL_MAX_REAL = 200_000;

    public MetricSpec {
        if (numGen < 1) {
            throw new IllegalArgumentException("metric " + name + ": needs at least one generated image");
        }
    }

    /** Parses an official or size-parameterised name. */
    public static MetricSpec parse(String name) {
        Matcher m = FID_KID.matcher(name);
        if (m.matches()) {
            Kind kind = m.group(1).equals("fid") ? Kind.FID : Kind.KID;
            int count = count(name, m.group(2), !m.group(3).isEmpty());
            boolean full = m.group(4) != null;
            Integer maxReal = !full ? Integer.valueOf(count) : kind == Kind.KID ? Integer.valueOf(KID_FULL_MAX_REAL) : null;
            return new MetricSpec(name, kind, count, maxReal, 0);
        }
        m = PR.matcher(name);
        if (m.matches()) {
            int count = count(name, m.group(1), m.group(2).equals("k"));
            int k = Integer.parseInt(m.group(3));
            if (k < 1) {
                throw new IllegalArgumentException("metric " + name + ": the neighbourhood size must be at least 1");
            }
            return new MetricSpec(name, Kind.PR, count, m.group(4) != null ? PR_FULL_MAX_REAL : count, k);
        }
        throw new IllegalArgumentException("--metrics: unknown metric '" + name + "'; use fid50k_full, kid50k_full, "
                + "pr50k3_full or a sized variant such as fid2k, kid1k_full, pr1k3");
    }

    /** The names of the statistics this metric reports, as keys of the results object. */
    public String[] resultKeys() {
        return kind == Kind.PR ? new String[] {name + "_precision", name + "_recall"} : new String[] {name};
    }

    /** Whether every feature vector must be kept (KID and precision/recall) or only mean and covariance. */
    public boolean needsAllFeatures() {
        return kind != Kind.FID;
    }

    private static int count(String name, String digits, boolean thousands) {
        long value = Long.parseLong(digits) * (thousands ? 1000 : 1);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("metric " + name + ": sample count " + value + " is out of range");
        }
        return (int) value;
    }
}
