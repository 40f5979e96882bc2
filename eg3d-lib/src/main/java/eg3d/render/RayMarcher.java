package eg3d.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import eg3d.nn.Owned;

/**
 * Volume rendering over sorted samples, the mip-NeRF style marcher EG3D uses.
 *
 * <p>Colours, raw densities and depths are averaged between neighbouring samples (S−1 midpoints);
 * σ = softplus(σ_mid − 1); α = 1 − exp(−σδ); T = exclusive cumprod of (1 − α + 1e-10);
 * w = α·T. The colour is Σw·c mapped to [−1, 1]; the depth is Σw·d / Σw.
 */
public final class RayMarcher {
    private RayMarcher() {}

    /** The marcher's three outputs; depth is not yet clamped (see {@link #clampDepth}). */
    public record Result(NDArray rgb, NDArray depth, NDArray weights) {}

    /**
     * colors [N,R,S,C], densities [N,R,S,1], depths [N,R,S,1] → rgb [N,R,C], depth [N,R,1]
     * (NaN where no weight, replaced by +inf), weights [N,R,S−1,1].
     */
    public static Result march(NDArray colors, NDArray densities, NDArray depths, boolean whiteBack) {
        NDArray deltas = depths.get(":, :, 1:").sub(depths.get(":, :, :-1"));
        NDArray colorsMid = Owned.div(colors.get(":, :, :-1").add(colors.get(":, :, 1:")), 2f);
        NDArray densitiesMid = Owned.div(densities.get(":, :, :-1").add(densities.get(":, :, 1:")), 2f);
        NDArray depthsMid = Owned.div(depths.get(":, :, :-1").add(depths.get(":, :, 1:")), 2f);
        densitiesMid = Activation.softPlus(densitiesMid.sub(1f));                         // σ ≥ 0, shifted
        NDArray alpha = densitiesMid.mul(deltas).neg().exp().neg().add(1f);              // 1 − exp(−σδ)
        NDArray shifted = alpha.get(":, :, :1").onesLike()
                .concat(alpha.neg().add(1f).add(1e-10f), 2);                               // [1, 1 − α + 1e-10]
        NDArray transmittance = shifted.cumProd(2).get(":, :, :-1");
        NDArray weights = alpha.mul(transmittance);
        NDArray rgb = weights.mul(colorsMid).sum(new int[] {2});
        NDArray weightTotal = weights.sum(new int[] {2});
        NDArray depth = weights.mul(depthsMid).sum(new int[] {2}).div(weightTotal);
        depth = NDArrays.where(depth.isNaN(), depth.onesLike().mul(Float.POSITIVE_INFINITY), depth);
        if (whiteBack) {
            rgb = rgb.add(weightTotal.neg().add(1f));
        }
        return new Result(Owned.mul(rgb, 2f).sub(1f), depth, weights);
    }

    /** Clamps to the depth range of all samples of the batch, as the reference does. */
    public static NDArray clampDepth(NDArray depth, float min, float max) {
        return depth.clip(min, max);
    }
}
