package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * StyleGAN2's equalised-lr linear layer: y = act(x · (W·g_w)ᵀ + b·g_b), g_w = lrMul/√in, g_b = lrMul.
 * Weights are stored divided by lrMul, so a small lrMul slows that layer's learning.
 */
public final class FullyConnectedLayer {
    private final String key;
    private final NDArray weight;              // [out, in], stored at N(0, 1/lrMul²)
    private final NDArray bias;                // [out], starts at biasInit
    private final BiasAct.Act activation;
    private final float weightGain, biasGain;
    private final int inFeatures, outFeatures;

    public FullyConnectedLayer(Params params, String key, // official prefix, e.g. "backbone.mapping.fc0"
            int inFeatures,                               // width of x
            int outFeatures,                              // width of y
            BiasAct.Act activation,                       // LINEAR or LRELU (gain √2)
            float lrMultiplier,                           // 0.01 in the mapping network, 1 elsewhere
            float biasInit) {                             // 1 for the style affines, so styles start at 1
        this.key = key;
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        // Official init: weights N(0, 1)/lrMul (the gain brings them back), biases all biasInit.
        this.weight = params.require(key + ".weight", Params.Init.RANDN, 1f / lrMultiplier, outFeatures, inFeatures);
        this.bias = params.require(key + ".bias", Params.Init.ONES, biasInit, outFeatures);
        this.activation = activation;
        this.weightGain = (float) (lrMultiplier / Math.sqrt(inFeatures));
        this.biasGain = lrMultiplier;
    }

    /** x [N, in] → [N, out]. */
    public NDArray forward(NDArray x) {
        Shapes.check(key + " x", x, Shapes.ANY, inFeatures);
        NDArray w = Owned.mul(weight, weightGain);
        NDArray b = biasGain == 1f ? bias : Owned.mul(bias, biasGain);
        if (activation == BiasAct.Act.LINEAR) {
            // One fused x·Wᵀ + b (addmm), as the reference computes linear layers: same rounding.
            return JniUtils.linear((PtNDArray) x, (PtNDArray) w, (PtNDArray) b);
        }
        NDArray y = x.matMul(w.transpose());
        return BiasAct.biasAct(y, b, activation, activation.defaultGain(), -1);
    }

    public int getOutFeatures() {
        return outFeatures;
    }

    @Override
    public String toString() {
        return "FullyConnectedLayer(" + key + ", " + inFeatures + "→" + outFeatures + ", " + activation + ")";
    }
}
