package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * StyleGAN2's mapping network with camera conditioning: w = MLP([norm(z), norm(embed(c))]),
 * broadcast to {@code numWs} copies, then truncated toward the running average {@code w_avg}.
 */
public final class MappingNetwork {
    private final String key;
    private final int zDim, cDim, wDim, numWs;
    private final @Nullable FullyConnectedLayer embed;
    private final List<FullyConnectedLayer> fcs = new ArrayList<>();
    private final @Nullable NDArray wAvg;

    public MappingNetwork(Params params, String key, // official prefix: "backbone.mapping", or D's "mapping"
            int zDim,                              // latent width; 0 in the discriminator's mapping
            int cDim,                              // conditioning width (25: the camera)
            int wDim,                              // output width
            int numWs,                             // copies of w to emit; 0 emits [N,wDim] (discriminator)
            int numLayers,                         // MLP depth (2 in EG3D's G, 8 in D)
            float lrMultiplier,                    // 0.01: the mapping learns 100× slower
            boolean trackWAvg) {                   // G keeps w_avg for truncation; D does not
        this.key = key;
        this.zDim = zDim;
        this.cDim = cDim;
        this.wDim = wDim;
        this.numWs = numWs;
        // w_avg is a buffer of this module, so it precedes the submodules in state_dict order.
        wAvg = trackWAvg ? params.require(key + ".w_avg", wDim) : null;
        int embedFeatures = wDim;
        embed = cDim > 0 ? new FullyConnectedLayer(params, key + ".embed", cDim, embedFeatures, BiasAct.Act.LINEAR, 1f, 0f) : null;
        int in = zDim + (cDim > 0 ? embedFeatures : 0);
        for (int i = 0; i < numLayers; i++) {
            fcs.add(new FullyConnectedLayer(params, key + ".fc" + i, in, wDim, BiasAct.Act.LRELU, lrMultiplier, 0f));
            in = wDim;
        }
    }

    /** x · rsqrt(mean(x²) + 1e-8) over dim 1. */
    static NDArray normalize2ndMoment(NDArray x) {
        return x.mul(Owned.pow(x.square().mean(new int[] {1}, true).add(1e-8f).sqrt(), -1));
    }

    /**
     * z [N,zDim] or null, c [N,cDim] → ws [N,numWs,wDim] (or [N,wDim] when numWs is 0).
     * Truncation lerps the first {@code truncationCutoff} ws toward w_avg (all of them when null).
     */
    public NDArray forward(@Nullable NDArray z, NDArray c, float truncationPsi, @Nullable Integer truncationCutoff) {
        NDArray x = null;
        if (zDim > 0) {
            x = normalize2ndMoment(Shapes.check(key + " z", z, Shapes.ANY, zDim));
        }
        if (cDim > 0) {
            NDArray y = normalize2ndMoment(embed.forward(Shapes.check(key + " c", c, Shapes.ANY, cDim)));
            x = x == null ? y : x.concat(y, 1);
        }
        for (FullyConnectedLayer fc : fcs) {
            x = fc.forward(x);
        }
        if (numWs == 0) {
            return x;
        }
        NDArray ws = x.expandDims(1).repeat(1, numWs);                           // [N,numWs,wDim]
        if (truncationPsi != 1f && wAvg != null) {
            int cutoff = truncationCutoff == null ? numWs : Math.min(truncationCutoff, numWs);
            // lerp(w_avg, w, ψ) on the first `cutoff` ws, in the two-sided form torch uses.
            NDArray head = ws.get(":, :{}", cutoff);
            NDArray truncated = truncationPsi < 0.5f
                    ? Owned.mul(head.sub(wAvg), truncationPsi).add(wAvg)
                    : head.sub(Owned.mul(head.sub(wAvg), 1f - truncationPsi));
            ws = cutoff == numWs ? truncated : NDArrays.concat(new ai.djl.ndarray.NDList(truncated, ws.get(":, {}:", cutoff)), 1);
        }
        return ws;
    }

    public int getNumWs() {
        return numWs;
    }

    public @Nullable NDArray getWAvg() {
        return wAvg;
    }
}
