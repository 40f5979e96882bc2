package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.jspecify.annotations.Nullable;

/**
 * A 2-D convolution fused with 2× up- or downsampling through {@link Upfirdn2d}.
 *
 * <p>Upsampling takes the reference route: zero insertion and the FIR filter, then an ordinary
 * convolution with the spatially flipped kernel. That equals the transposed convolution of the
 * official fast path, and runs on the ordinary (mkldnn) conv kernel, which is faster on CPU.
 * Downsampling filters first and then convolves with stride 2.
 */
public final class Conv2dResample {
    private Conv2dResample() {}

    /** x [N,I·g,H,W], w [O,I,k,k] → [N,O,H·up/down,W·up/down]; padding is the conv's own (k/2). */
    public static NDArray conv2dResample(NDArray x, NDArray w, @Nullable NDArray f, int up, int down, int padding, int groups) {
        if (up == 1 && down == 1) {
            return conv(x, w, 1, padding, groups);
        }
        if (f == null) {
            throw new IllegalArgumentException("conv2dResample: resampling by up=" + up + ", down=" + down + " needs a filter");
        }
        int k = (int) w.getShape().get(3);
        int fw = (int) f.getShape().get(1);
        int p0 = padding, p1 = padding;
        if (up > 1) {
            p0 += (fw + up - 1) / 2;
            p1 += (fw - up) / 2;
            NDArray upsampled = Upfirdn2d.upfirdn2d(x, f, up, 1, p0, p1, p0, p1, up * up);
            return conv(upsampled, w.flip(2, 3), 1, 0, groups);
        }
        if (down > 1) {
            p0 += (fw - down + 1) / 2;
            p1 += (fw - down) / 2;
            if (k == 1) {
                return conv(Upfirdn2d.upfirdn2d(x, f, 1, down, p0, p1, p0, p1, 1f), w, 1, 0, groups);
            }
            return conv(Upfirdn2d.upfirdn2d(x, f, 1, 1, p0, p1, p0, p1, 1f), w, down, 0, groups);
        }
        return conv(x, w, 1, padding, groups);
    }

    static NDArray conv(NDArray x, NDArray w, int stride, int padding, int groups) {
        return Conv2d.conv2d(x, w, null, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1), groups).singletonOrThrow();
    }
}
