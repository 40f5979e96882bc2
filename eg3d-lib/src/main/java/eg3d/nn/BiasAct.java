package eg3d.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.jspecify.annotations.Nullable;

/**
 * StyleGAN2's fused bias + activation: y = clamp(act(x + b) · gain, ±clamp). The bias broadcasts
 * over dimension 1. The default gain of lrelu is √2, which keeps the activations' variance.
 */
public final class BiasAct {
    public static final float SQRT_2 = (float) Math.sqrt(2);

    /** The two activations EG3D uses. */
    public enum Act {
        LINEAR(1f), LRELU(SQRT_2);

        final float defaultGain;

        Act(float defaultGain) {
            this.defaultGain = defaultGain;
        }

        public float defaultGain() {
            return defaultGain;
        }
    }

    private BiasAct() {}

    /** x [N,C,...], b [C] or null; gain multiplies after the activation; clamp &lt; 0 disables. */
    public static NDArray biasAct(NDArray x, @Nullable NDArray b, Act act, float gain, float clamp) {
        NDArray y = x;
        if (b != null) {
            long[] shape = new long[x.getShape().dimension()];
            java.util.Arrays.fill(shape, 1);
            shape[1] = -1;
            y = y.add(b.reshape(shape));                       // + b, broadcast over dim 1
        }
        if (act == Act.LRELU) {
            y = Activation.leakyRelu(y, 0.2f);
        }
        if (gain != 1f) {
            y = Owned.mul(y, gain);
        }
        if (clamp >= 0) {
            y = y.clip(-clamp, clamp);
        }
        return y;
    }
}
