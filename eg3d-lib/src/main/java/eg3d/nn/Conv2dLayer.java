package eg3d.nn;

import ai.djl.ndarray.NDArray;
import org.jspecify.annotations.Nullable;

/** Equalised-lr conv with optional 2× down/upsampling, bias, activation and clamp (the discriminator's layer). */
public final class Conv2dLayer {
    private final String key;
    private final NDArray weight, resampleFilter;
    private final @Nullable NDArray bias;
    private final BiasAct.Act activation;
    private final int inChannels, kernel, down, up;
    private final float weightGain, convClamp;

    public Conv2dLayer(Params params, String key, // official prefix, e.g. "b128.conv1"
            int inChannels, int outChannels,
            int kernel,                             // 1 or 3
            boolean bias,                           // false for the residual skip
            BiasAct.Act activation,
            int up, int down,                       // resampling factors (1 or 2)
            float convClamp) {                      // < 0 disables
        this.key = key;
        this.inChannels = inChannels;
        this.kernel = kernel;
        this.up = up;
        this.down = down;
        this.activation = activation;
        this.convClamp = convClamp;
        weight = params.require(key + ".weight", Params.Init.RANDN, outChannels, inChannels, kernel, kernel);
        this.bias = bias ? params.require(key + ".bias", outChannels) : null;
        resampleFilter = params.require(key + ".resample_filter", Params.Init.FILTER_1331, 4, 4);
        weightGain = (float) (1 / Math.sqrt((double) inChannels * kernel * kernel));
    }

    /** x [N,I,H,W] → [N,O,H·up/down,W·up/down]; gain scales the activation (√0.5 on residual paths). */
    public NDArray forward(NDArray x, float gain) {
        Shapes.check(key + " x", x, Shapes.ANY, inChannels, Shapes.ANY, Shapes.ANY);
        NDArray w = Owned.mul(weight, weightGain);
        NDArray y = Conv2dResample.conv2dResample(x, w, resampleFilter, up, down, kernel / 2, 1);
        float clamp = convClamp < 0 ? -1 : convClamp * gain;
        return BiasAct.biasAct(y, bias, activation, activation.defaultGain() * gain, clamp);
    }
}
