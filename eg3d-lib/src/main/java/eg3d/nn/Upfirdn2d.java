package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Upsample, FIR-filter, downsample: the StyleGAN2 resampling primitive.
 *
 * <p>y = down(conv(pad(up(x)), f·gain)). Upsampling inserts {@code up−1} zeros after each sample;
 * the filter is flipped (true convolution) and applied per channel; downsampling keeps every
 * {@code down}-th sample, which here is the filter's stride. Padding is [x0, x1, y0, y1];
 * negative values crop.
 */
public final class Upfirdn2d {
    private Upfirdn2d() {}

    /** x [N,C,H,W], f [fh,fw] → [N,C,(H·up+py0+py1−fh)/down+1, …]. */
    public static NDArray upfirdn2d(NDArray x, NDArray f, int up, int down,
            int padX0, int padX1, int padY0, int padY1, float gain) {
        Shape s = x.getShape();
        long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        if (up > 1) {
            // [N,C,H,1,W,1] padded to [N,C,H,up,W,up]: each sample followed by up−1 zeros.
            x = x.reshape(n, c, h, 1, w, 1).pad(new Shape(0, up - 1, 0, 0, 0, up - 1), 0)
                    .reshape(n, c, h * up, w * up);
        }
        x = padOrCrop(x, padX0, padX1, padY0, padY1);
        long fh = f.getShape().get(0), fw = f.getShape().get(1);
        // gain^(ndim/2) with a 2-D filter is gain; flip makes the correlation a convolution.
        NDArray kernel = Owned.mul(f, gain).flip(0, 1).reshape(1, 1, fh, fw).tile(new long[] {c, 1, 1, 1});
        return Conv2d.conv2d(x, kernel, null, new Shape(down, down), new Shape(0, 0), new Shape(1, 1), (int) c)
                .singletonOrThrow();
    }

    /** 2× upsampling with the filter's natural padding, output [N,C,2H,2W]. */
    public static NDArray upsample2d(NDArray x, NDArray f) {
        int fw = (int) f.getShape().get(1), up = 2;
        int p0 = (fw + up - 1) / 2, p1 = (fw - up) / 2;
        return upfirdn2d(x, f, up, 1, p0, p1, p0, p1, up * up);
    }

    /** 2× downsampling with the filter's natural padding, output [N,C,H/2,W/2]. */
    public static NDArray downsample2d(NDArray x, NDArray f) {
        int fw = (int) f.getShape().get(1), down = 2;
        int p0 = (fw - down + 1) / 2, p1 = (fw - down) / 2;
        return upfirdn2d(x, f, 1, down, p0, p1, p0, p1, 1f);
    }

    private static NDArray padOrCrop(NDArray x, int x0, int x1, int y0, int y1) {
        if (x0 > 0 || x1 > 0 || y0 > 0 || y1 > 0) {
            x = x.pad(new Shape(Math.max(x0, 0), Math.max(x1, 0), Math.max(y0, 0), Math.max(y1, 0)), 0);
        }
        if (x0 < 0 || x1 < 0 || y0 < 0 || y1 < 0) {
            long h = x.getShape().get(2), w = x.getShape().get(3);
            x = x.get(new NDIndex(":, :, {}:{}, {}:{}",
                    Math.max(-y0, 0), h - Math.max(-y1, 0), Math.max(-x0, 0), w - Math.max(-x1, 0)));
        }
        return x;
    }
}
