package eg3d.train;

import ai.djl.ndarray.NDArray;
import eg3d.nn.Owned;

/**
 * The discriminator-input blur of the blur fade: a separable Gaussian-like filter with taps
 * 2^(−(k/σ)²) for |k| ≤ ⌊3σ⌋, normalised, applied with zero padding that keeps the size
 * (the reference's {@code filter2d}: rows first, then columns).
 */
public final class Blur {
    private Blur() {}

    /** σ at {@code curNimg} images: σ₀ fading linearly to 0 over {@code fadeKimg} (0 disables). */
    public static double sigma(long curNimg, double initSigma, double fadeKimg) {
        return fadeKimg > 0 ? Math.max(1 - curNimg / (fadeKimg * 1e3), 0) * initSigma : 0;
    }

    /** The normalised taps for σ, or an empty array when ⌊3σ⌋ = 0 (no blur). */
    public static float[] taps(double sigma) {
        int size = (int) Math.floor(sigma * 3);
        if (size <= 0) {
            return new float[0];
        }
        float[] f = new float[2 * size + 1];
        float sum = 0;
        for (int i = 0; i < f.length; i++) {
            float k = (float) (i - size) / (float) sigma;          // float32 arithmetic, as the reference
            f[i] = (float) Math.pow(2, -(k * k));
            sum += f[i];
        }
        for (int i = 0; i < f.length; i++) {
            f[i] /= sum;
        }
        return f;
    }

    private static NDArray conv(NDArray x, NDArray w) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(x, w, null, new ai.djl.ndarray.types.Shape(1, 1),
                new ai.djl.ndarray.types.Shape(0, 0), new ai.djl.ndarray.types.Shape(1, 1), 1).singletonOrThrow();
    }

    /** x [N,C,H,W] blurred with σ; returned unchanged when σ gives no taps. */
    public static NDArray apply(NDArray x, double sigma) {
        float[] taps = taps(sigma);
        if (taps.length == 0) {
            return x;
        }
        int n = taps.length, p0 = n / 2, p1 = (n - 1) / 2;
        ai.djl.ndarray.types.Shape s = x.getShape();
        // One single-channel conv over all N·C planes: the same sums as a depthwise conv.
        NDArray planes = x.reshape(s.get(0) * s.get(1), 1, s.get(2), s.get(3))
                .pad(new ai.djl.ndarray.types.Shape(p0, p1, p0, p1), 0);
        NDArray row = Owned.of(x.getManager().create(taps)).reshape(1, 1, 1, n);
        NDArray col = row.reshape(1, 1, n, 1);
        NDArray y = conv(conv(planes, row), col);
        return y.reshape(s);
    }
}
