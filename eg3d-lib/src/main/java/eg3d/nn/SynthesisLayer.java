package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.jspecify.annotations.Nullable;

/** A modulated 3×3 conv of the synthesis network: style → conv (maybe 2× up) → noise → bias → lrelu. */
public final class SynthesisLayer {
    private final String key;
    private final NDArray weight, bias, resampleFilter;
    private final @Nullable NDArray noiseStrength, noiseConst;
    private final FullyConnectedLayer affine;           // "A" in the paper: w → per-channel style s
    private final int inChannels, outChannels, resolution, up;
    private final float convClamp;

    public SynthesisLayer(Params params, String key, // official prefix, e.g. "backbone.synthesis.b8.conv0"
            int inChannels,                        // channels of the incoming feature map
            int outChannels,                       // channels this layer produces
            int wDim,                              // width of one w vector
            int resolution,                        // output height = width
            int up,                                // 2 for the first conv of an upsampling block, else 1
            boolean useNoise,                      // per-pixel noise (true in every EG3D layer)
            float convClamp) {                     // clamp of the activations; < 0 disables
        this.key = key;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.resolution = resolution;
        this.up = up;
        this.convClamp = convClamp;
        weight = params.require(key + ".weight", Params.Init.RANDN, outChannels, inChannels, 3, 3);
        noiseStrength = useNoise ? params.require(key + ".noise_strength") : null;
        bias = params.require(key + ".bias", outChannels);
        resampleFilter = params.require(key + ".resample_filter", Params.Init.FILTER_1331, 4, 4);
        noiseConst = useNoise ? params.require(key + ".noise_const", Params.Init.RANDN, resolution, resolution) : null;
        affine = new FullyConnectedLayer(params, key + ".affine", wDim, inChannels, BiasAct.Act.LINEAR, 1f, 1f);
    }

    /** x [N,I,r/up,r/up], w [N,wDim] → [N,O,r,r]. */
    public NDArray forward(NDArray x, NDArray w, NoiseMode noiseMode, boolean fusedModconv) {
        return forward(x, w, noiseMode, fusedModconv, NoiseSource.ENGINE);
    }

    /** As {@link #forward(NDArray, NDArray, NoiseMode, boolean)}, with random noise drawn from {@code source}. */
    public NDArray forward(NDArray x, NDArray w, NoiseMode noiseMode, boolean fusedModconv, NoiseSource source) {
        Shapes.check(key + " x", x, Shapes.ANY, inChannels, resolution / up, resolution / up);
        NDArray styles = affine.forward(w);                                           // s = A(w)
        NDArray noise = null;
        if (noiseStrength != null && noiseMode == NoiseMode.RANDOM) {
            noise = source.draw(key, x.getManager(), new Shape(x.getShape().get(0), 1, resolution, resolution))
                    .mul(noiseStrength);                                               // B · N(0,1)
        } else if (noiseStrength != null && noiseMode == NoiseMode.CONST) {
            noise = noiseConst.mul(noiseStrength);                                    // B · stored noise
        }
        NDArray y = fusedModconv
                ? ModulatedConv.fused(x, weight, styles, noise, up, 1, resampleFilter, true)
                : ModulatedConv.separate(x, weight, styles, noise, up, 1, resampleFilter, true);
        return BiasAct.biasAct(y, bias, BiasAct.Act.LRELU, BiasAct.SQRT_2, convClamp);
    }

    public int getOutChannels() {
        return outChannels;
    }

    @Override
    public String toString() {
        return "SynthesisLayer(" + key + ", " + inChannels + "→" + outChannels + ", res " + resolution + ", up " + up + ")";
    }
}
