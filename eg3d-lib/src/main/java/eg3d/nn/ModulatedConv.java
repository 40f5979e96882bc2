package eg3d.nn;

import ai.djl.ndarray.NDArray;
import org.jspecify.annotations.Nullable;

/**
 * StyleGAN2's modulated convolution (paper eq. 1–3): w′ = s·w, σ = √(Σw′² + 1e-8), w″ = w′/σ.
 *
 * <p>Two equivalent routes. {@link #fused} folds the batch into the channels and runs one grouped
 * conv with per-sample kernels (inference). {@link #separate} scales the activations before and
 * after one shared conv (training); the two agree to about 1e-6.
 */
public final class ModulatedConv {
    private ModulatedConv() {}

    /** x [N,I,H,W], weight [O,I,k,k], styles [N,I], noise broadcastable to the output or null. */
    public static NDArray fused(NDArray x, NDArray weight, NDArray styles, @Nullable NDArray noise,
            int up, int padding, @Nullable NDArray resampleFilter, boolean demodulate) {
        long n = x.getShape().get(0), in = weight.getShape().get(1), out = weight.getShape().get(0);
        long k = weight.getShape().get(2);
        NDArray w = weight.expandDims(0).mul(styles.reshape(n, 1, in, 1, 1));                 // w′ [N,O,I,k,k]
        if (demodulate) {
            NDArray dcoefs = Owned.pow(w.square().sum(new int[] {2, 3, 4}).add(1e-8f).sqrt(), -1); // 1/σ [N,O]
            w = w.mul(dcoefs.reshape(n, out, 1, 1, 1));                                     // w″
        }
        NDArray y = Conv2dResample.conv2dResample(
                x.reshape(1, n * in, x.getShape().get(2), x.getShape().get(3)),
                w.reshape(n * out, in, k, k), resampleFilter, up, 1, padding, (int) n);      // one group per sample
        y = y.reshape(n, out, y.getShape().get(2), y.getShape().get(3));
        return noise == null ? y : y.add(noise);
    }

    /** Same contract as {@link #fused}; scales activations instead of kernels. */
    public static NDArray separate(NDArray x, NDArray weight, NDArray styles, @Nullable NDArray noise,
            int up, int padding, @Nullable NDArray resampleFilter, boolean demodulate) {
        long n = x.getShape().get(0), in = weight.getShape().get(1), out = weight.getShape().get(0);
        NDArray y = Conv2dResample.conv2dResample(x.mul(styles.reshape(n, in, 1, 1)), weight,
                resampleFilter, up, 1, padding, 1);                                          // conv(x·s)
        if (demodulate) {
            NDArray dcoefs = Owned.pow(weight.expandDims(0).mul(styles.reshape(n, 1, in, 1, 1))
                    .square().sum(new int[] {2, 3, 4}).add(1e-8f).sqrt(), -1);                // 1/σ [N,O]
            y = y.mul(dcoefs.reshape(n, out, 1, 1));
        }
        return noise == null ? y : y.add(noise);
    }
}
