package eg3d.render;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import eg3d.nn.BiasAct;
import eg3d.nn.FullyConnectedLayer;
import eg3d.nn.Params;
import eg3d.nn.Shapes;
import eg3d.nn.Owned;

/**
 * The small MLP that turns averaged tri-plane features into density and colour features:
 * FC → softplus → FC, then σ = x₀ (raw) and features = sigmoid(x₁…)·(1 + 2ε) − ε with ε = 0.001,
 * so the features can reach just beyond [0, 1].
 */
public final class OsgDecoder {
    private static final float EPS = 0.001f;
    private final FullyConnectedLayer fc0, fc1;
    private final int inFeatures;

    public OsgDecoder(Params params, String key, // official prefix, "decoder"
            int inFeatures,                        // channels per plane (32)
            int hiddenDim,                         // 64 in every official config
            int outputDim,                         // feature channels besides σ (32)
            float lrMultiplier) {                  // rendering_kwargs decoder_lr_mul
        this.inFeatures = inFeatures;
        fc0 = new FullyConnectedLayer(params, key + ".net.0", inFeatures, hiddenDim, BiasAct.Act.LINEAR, lrMultiplier, 0f);
        fc1 = new FullyConnectedLayer(params, key + ".net.2", hiddenDim, 1 + outputDim, BiasAct.Act.LINEAR, lrMultiplier, 0f);
    }

    /** features [N,3,M,C] → {sigma [N,M,1] (raw), rgb [N,M,outputDim]}. */
    public NDArray[] forward(NDArray planeFeatures) {
        Shapes.check("decoder input", planeFeatures, Shapes.ANY, 3, Shapes.ANY, inFeatures);
        long n = planeFeatures.getShape().get(0), m = planeFeatures.getShape().get(2);
        NDArray x = planeFeatures.mean(new int[] {1}).reshape(n * m, inFeatures);      // average the planes
        x = Activation.softPlus(fc0.forward(x));
        x = fc1.forward(x).reshape(n, m, -1);
        NDArray sigma = x.get(":, :, 0:1");
        NDArray rgb = Owned.mul(Activation.sigmoid(x.get(":, :, 1:")), (float) (1 + 2 * 0.001)).sub(EPS);
        return new NDArray[] {sigma, rgb};
    }
}
