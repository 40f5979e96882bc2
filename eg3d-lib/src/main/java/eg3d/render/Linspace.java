package eg3d.render;

/**
 * Evenly spaced float32 values, rounded exactly as the reference's CPU linspace does.
 *
 * <p>Depths and importance-sampling positions feed a renderer whose surfaces are sharp, so one
 * ulp in a depth moves a density sample visibly. The reference kernel runs vectorised: blocks of
 * two 8-lane vectors, each lane {@code base + lane·step} with {@code base} counted up from the
 * start (first half) or down from the end (second half); the tail of fewer than 16 values is
 * scalar. Reproducing that order makes our depths bit-identical.
 */
final class Linspace {
    private static final int LANES = 8;

    private Linspace() {}

    static float[] of(float start, float end, int steps) {
        float[] v = new float[steps];
        if (steps == 1) {
            v[0] = start;
            return v;
        }
        float step = (end - start) / (steps - 1);
        int halfway = steps / 2;
        int i = 0;
        for (; i + 2 * LANES <= steps; i += 2 * LANES) {
            for (int vec = i; vec < i + 2 * LANES; vec += LANES) {
                float base = vec < halfway ? start + step * vec : end - step * (steps - vec - 1);
                for (int lane = 0; lane < LANES; lane++) {
                    v[vec + lane] = base + lane * step;
                }
            }
        }
        for (; i < steps; i++) {
            v[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
        }
        return v;
    }
}
