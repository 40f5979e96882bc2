package eg3d.nn;

import ai.djl.ndarray.NDArray;

/** Modulated 1×1 conv, without demodulation, from features to the block's image channels. */
public final class ToRgbLayer {
    private final String key;
    private final NDArray weight, bias;
    private final FullyConnectedLayer affine;
    private final float weightGain, convClamp;
    private final int inChannels;

    public ToRgbLayer(Params params, String key, // official prefix, e.g. "backbone.synthesis.b4.torgb"
            int inChannels,                    // feature channels
            int outChannels,                   // image channels (96 for tri-planes, 3 for SR)
            int wDim,                          // width of one w vector
            float convClamp) {                 // < 0 disables
        this.key = key;
        this.inChannels = inChannels;
        this.convClamp = convClamp;
        weight = params.require(key + ".weight", Params.Init.RANDN, outChannels, inChannels, 1, 1);
        bias = params.require(key + ".bias", outChannels);
        affine = new FullyConnectedLayer(params, key + ".affine", wDim, inChannels, BiasAct.Act.LINEAR, 1f, 1f);
        weightGain = (float) (1 / Math.sqrt(inChannels));
    }

    /** x [N,I,H,W], w [N,wDim] → [N,O,H,W]. */
    public NDArray forward(NDArray x, NDArray w, boolean fusedModconv) {
        Shapes.check(key + " x", x, Shapes.ANY, inChannels, Shapes.ANY, Shapes.ANY);
        NDArray styles = Owned.mul(affine.forward(w), weightGain);
        NDArray y = fusedModconv
                ? ModulatedConv.fused(x, weight, styles, null, 1, 0, null, false)
                : ModulatedConv.separate(x, weight, styles, null, 1, 0, null, false);
        return BiasAct.biasAct(y, bias, BiasAct.Act.LINEAR, 1f, convClamp);
    }
}
