package eg3d.parity;

import java.util.Set;

/**
 * The reference tolerances (fixtures README): ws 1e-5 abs; rays and depths 1e-6; intermediate
 * features 1e-4; images 1e-4 abs; discriminator logits 1e-4 relative. One vs two threads on the
 * reference already moves images by about 1e-5.
 */
public record Tolerance(double limit, boolean relative) {
    private static final Set<String> RAYS_AND_DEPTHS = Set.of("ray_origins", "ray_directions", "depths_coarse",
            "depths_fine", "all_depths_sorted", "sample_coords");

    /** The tolerance that applies to a fixture key. */
    public static Tolerance forKey(String key) {
        String k = key.startsWith("b_") ? key.substring(2) : key;
        if (k.startsWith("ws")) {
            return new Tolerance(1e-5, false);
        }
        if (RAYS_AND_DEPTHS.contains(k)) {
            return new Tolerance(1e-6, false);
        }
        if (k.equals("d_logits")) {
            return new Tolerance(1e-4, true);
        }
        return new Tolerance(1e-4, false);
    }

    /** The error measure: max |a − b|, divided by max(1, max |b|) when relative. */
    public double error(float[] actual, float[] expected) {
        double maxAbs = 0, maxRef = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            if (Double.isNaN(d)) {
                d = Double.POSITIVE_INFINITY;
            }
            maxAbs = Math.max(maxAbs, d);
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        return relative ? maxAbs / Math.max(1, maxRef) : maxAbs;
    }
}
