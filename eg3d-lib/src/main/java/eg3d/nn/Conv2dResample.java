package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.jspecify.annotations.Nullable;

/**
 * A 2-D convolution fused with 2× up- or downsampling through {@link Upfirdn2d}.
 *
 * <p>Upsampling follows the reference's fast path, a stride-2 transposed convolution and then
 * the FIR filter, but computes the transposed convolution by its four polyphase components: each
 * output parity (even/odd row × even/odd column) is an ordinary convolution of the low-resolution
 * input with the kernel taps of that parity. That runs on the ordinary (mkldnn) conv kernel, with
 * the transposed convolution's FLOPs rather than the 4× of convolving a zero-inserted image.
 * When the inputs carry a graph (training), upsampling instead runs the reference's generic
 * route, zero insertion and the FIR filter then one ordinary conv: its gradients are the ones
 * checked against the reference's training step (the two routes differ only in float rounding,
 * but the seq training-step check is sensitive to sign flips of tiny gradients).
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
        if (up == 2 && (tracked(x) || tracked(w))) {
            p0 += (fw + up - 1) / 2;
            p1 += (fw - up) / 2;
            NDArray upsampled = Upfirdn2d.upfirdn2d(x, f, up, 1, p0, p1, p0, p1, up * up);
            return conv(upsampled, w.flip(2, 3), 1, 0, groups);
        }
        if (up == 2) {
            // Padding of the FIR after a transposed conv, as the reference computes it.
            p0 += (fw + up - 1) / 2 - (k - 1);
            p1 += (fw - up) / 2 - (k - up);
            long h = x.getShape().get(2);
            NDArray y = transposedStride2(x, w, groups);
            int extra = (int) (y.getShape().get(2) - ((h - 1) * 2 + k));   // zero rows/cols past the true size
            return Upfirdn2d.upfirdn2d(y, f, 1, 1, p0, p1 - extra, p0, p1 - extra, up * up);
        }
        if (up > 1) {
            throw new IllegalArgumentException("conv2dResample: upsampling by " + up + " is not supported (only 2)");
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

    /**
     * conv_transpose2d(x, w, stride 2) for w [O,I/g,k,k], by polyphase decomposition. Output row
     * 2m + r collects the taps k ≡ r (mod 2): an ordinary correlation of x with those taps reversed.
     * The result is [N,O,2L,2L] with L = H + ⌈k/2⌉ − 1; rows past the true size 2H + k − 2 are zero.
     */
    static NDArray transposedStride2(NDArray x, NDArray w, int groups) {
        int k = (int) w.getShape().get(3);
        NDArray[][] phase = new NDArray[2][2];
        long rows = 0, cols = 0;
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                int tapsR = (k - r + 1) / 2, tapsC = (k - c + 1) / 2;
                NDArray sub = w.get(":, :, " + r + "::2, " + c + "::2").flip(2, 3);
                phase[r][c] = Conv2d.conv2d(x, sub, null, new Shape(1, 1), new Shape(tapsR - 1, tapsC - 1), new Shape(1, 1), groups)
                        .singletonOrThrow();
                rows = Math.max(rows, phase[r][c].getShape().get(2));
                cols = Math.max(cols, phase[r][c].getShape().get(3));
            }
        }
        NDArray[] rowsOut = new NDArray[2];
        for (int r = 0; r < 2; r++) {
            NDArray a = padTo(phase[r][0], rows, cols), b = padTo(phase[r][1], rows, cols);
            Shape s = a.getShape();
            rowsOut[r] = a.stack(b, 4).reshape(s.get(0), s.get(1), rows, 2 * cols);        // interleave columns
        }
        Shape s = rowsOut[0].getShape();
        return rowsOut[0].stack(rowsOut[1], 3).reshape(s.get(0), s.get(1), 2 * rows, 2 * cols); // interleave rows
    }

    private static NDArray padTo(NDArray a, long rows, long cols) {
        long dr = rows - a.getShape().get(2), dc = cols - a.getShape().get(3);
        return dr == 0 && dc == 0 ? a : a.pad(new Shape(0, dc, 0, dr), 0);
    }

    static NDArray conv(NDArray x, NDArray w, int stride, int padding, int groups) {
        return Conv2d.conv2d(x, w, null, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1), groups).singletonOrThrow();
    }

    /**
     * Whether autograd tracks {@code a}, asked of the engine each time: DJL's {@code hasGradient()}
     * caches its first answer, which goes stale when training switches requires_grad per phase.
     */
    public static boolean tracked(NDArray a) {
        return JniUtils.requiresGrad((PtNDArray) a);
    }
}
