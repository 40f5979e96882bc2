package eg3d.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import eg3d.nn.Owned;

/**
 * Fine depths drawn where the coarse pass found density (hierarchical sampling).
 *
 * <p>The S−1 marcher weights are smoothed (max-pool 2, then mean-pool 2, + 0.01) and the inner
 * S−3 serve as a pdf over bins whose edges are the S−1 coarse midpoints. Inverse-transform
 * sampling then places the fine depths. The reference's clamp of the upper index to S−3 means the
 * last bin is never reached; kept for fidelity.
 */
public final class ImportanceSampler {
    private ImportanceSampler() {}

    /** depthsCoarse [N,R,S,1], weights [N,R,S−1,1] → fine depths [N,R,nImportance,1]. */
    public static NDArray sample(NDArray depthsCoarse, NDArray weights, int nImportance, boolean deterministic) {
        long n = depthsCoarse.getShape().get(0), r = depthsCoarse.getShape().get(1), s = depthsCoarse.getShape().get(2);
        NDArray z = depthsCoarse.reshape(n * r, s);
        NDArray w = weights.reshape(n * r, s - 1);
        // max_pool1d(kernel 2, stride 1, pad 1): the ends keep their value, inner points take the max of neighbours.
        NDArray pooled = w.get(":, :1").concat(w.get(":, :-1").maximum(w.get(":, 1:")), 1).concat(w.get(":, -1:"), 1);
        NDArray smooth = Owned.div(pooled.get(":, :-1").add(pooled.get(":, 1:")), 2f).add(0.01f); // avg_pool1d(2, 1) + 0.01
        NDArray mids = Owned.mul(z.get(":, :-1").add(z.get(":, 1:")), 0.5f);
        NDArray fine = samplePdf(mids, smooth.get(":, 1:-1"), nImportance, deterministic);
        return fine.reshape(n, r, nImportance, 1);
    }

    /** bins [K,B+1] (edges), weights [K,B] → samples [K,nSamples] by inverse-transform sampling. */
    public static NDArray samplePdf(NDArray bins, NDArray weights, int nSamples, boolean deterministic) {
        long k = weights.getShape().get(0), b = weights.getShape().get(1);
        NDManager mgr = weights.getManager();
        NDArray w = weights.add(1e-5f);
        NDArray pdf = w.div(w.sum(new int[] {1}, true));
        NDArray cdf = pdf.get(":, :1").zerosLike().concat(pdf.cumSum(1), 1);                 // [K,B+1]
        NDArray u = deterministic
                ? Owned.of(mgr.create(linspace01(nSamples), new Shape(1, nSamples))).broadcast(k, nSamples)
                : mgr.randomUniform(0f, 1f, new Shape(k, nSamples));
        // searchsorted(cdf, u, right=True) is the number of cdf entries ≤ u.
        NDArray inds = cdf.expandDims(1).lte(u.expandDims(2)).toType(DataType.INT64, false).sum(new int[] {2});
        NDArray below = Owned.maximum(inds.sub(1), 0);
        NDArray above = Owned.minimum(inds, b);
        NDArray cdfBelow = cdf.gather(below, 1), cdfAbove = cdf.gather(above, 1);
        NDArray binBelow = bins.gather(below, 1), binAbove = bins.gather(above, 1);
        NDArray denom = cdfAbove.sub(cdfBelow);
        denom = NDArrays.where(denom.lt(1e-5f), denom.onesLike(), denom);
        return binBelow.add(u.sub(cdfBelow).div(denom).mul(binAbove.sub(binBelow)));
    }

    /** torch.linspace(0, 1, n) in float32, computed the same way (from both ends toward the middle). */
    static float[] linspace01(int n) {
        return Linspace.of(0f, 1f, n);
    }
}
