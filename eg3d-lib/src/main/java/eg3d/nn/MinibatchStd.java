package eg3d.nn;

import ai.djl.ndarray.NDArray;

/**
 * Minibatch standard deviation (StyleGAN2 D epilogue): the batch splits into groups of G; each
 * sample gains F channels holding its group's mean stddev, so D can see a lack of variety.
 */
public final class MinibatchStd {
    private MinibatchStd() {}

    /** x [N,C,H,W] → [N,C+F,H,W]; G = min(groupSize, N) and must divide N. */
    public static NDArray forward(NDArray x, int groupSize, int numChannels) {
        long n = x.getShape().get(0), c = x.getShape().get(1), h = x.getShape().get(2), w = x.getShape().get(3);
        long g = Math.min(groupSize, n);
        long f = numChannels;
        if (n % g != 0) {
            throw new IllegalArgumentException("minibatch std: batch " + n + " is not a multiple of the group size " + g
                    + "; use a batch that the group size divides (--mbstd-group)");
        }
        NDArray y = x.reshape(g, -1, f, c / f, h, w);           // [G,n,F,c,H,W]
        y = y.sub(y.mean(new int[] {0}));                     // subtract the group mean
        y = y.square().mean(new int[] {0});                   // [n,F,c,H,W] variance over the group
        y = y.add(1e-8f).sqrt();                              // stddev
        y = y.reshape(y.getShape().get(0), f, -1).mean(new int[] {2}); // [n,F] over channels and pixels
        y = y.reshape(-1, f, 1, 1);                           // [n,F,1,1]
        y = y.tile(new long[] {g, 1, h, w});                  // [N,F,H,W] replicate over group and pixels
        return x.concat(y, 1);
    }
}
