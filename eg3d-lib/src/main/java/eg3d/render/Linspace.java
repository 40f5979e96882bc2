package eg3d.render;

/**
 * Evenly spaced float32 values computed as torch.linspace does on CPU: the first half counts up
 * from the start, the second half down from the end, so both ends are exact.
 */
final class Linspace {
    private Linspace() {}

    static float[] of(float start, float end, int steps) {
        float[] v = new float[steps];
        if (steps == 1) {
            v[0] = start;
            return v;
        }
        float step = (end - start) / (steps - 1);
        int halfway = steps / 2;
        for (int i = 0; i < steps; i++) {
            v[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
        }
        return v;
    }
}
