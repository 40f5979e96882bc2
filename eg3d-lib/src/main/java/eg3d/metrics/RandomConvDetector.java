package eg3d.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import eg3d.model.FilteredResizing;
import eg3d.nn.Scope;
import eg3d.nn.Shapes;
import java.util.Random;

/**
 * The built-in detector: three seeded random-init 3×3 stride-2 convolutions with ReLU on a 64×64
 * antialiased resize of the image, then the per-channel mean and standard deviation of the last
 * map: 256 features. Random conv features still separate image distributions, so FID and KID from
 * it rank models and catch regressions offline. Its values are <b>not comparable with published
 * FID</b>, which needs the Inception network.
 */
public final class RandomConvDetector implements FeatureDetector {
    /** Bump when the architecture changes, so cached statistics from the old one are not reused. */
    static final int VERSION = 1;
    static final int INPUT_SIZE = 64;
    private static final int[] CHANNELS = {3, 32, 64, 128};

    private final long seed;
    private final float[][] weights = new float[CHANNELS.length - 1][];

    public RandomConvDetector(long seed) {
        this.seed = seed;
        Random random = new Random(seed);
        for (int layer = 0; layer < weights.length; layer++) {
            int in = CHANNELS[layer], out = CHANNELS[layer + 1];
            float[] w = new float[out * in * 9];
            // He init keeps activations at a similar scale through the ReLUs, so no layer saturates.
            double std = Math.sqrt(2.0 / (in * 9));
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (random.nextGaussian() * std);
            }
            weights[layer] = w;
        }
    }

    /** The number of features per image. */
    public static int getDimension() {
        return 2 * CHANNELS[CHANNELS.length - 1];
    }

    @Override
    public NDArray features(NDArray images) {
        Shapes.check("detector input images", images, Shapes.ANY, 3, Shapes.ANY, Shapes.ANY);
        try (Scope scope = Scope.open(images.getManager(), new NDArray[] {images})) {
            NDArray x = images.toType(DataType.FLOAT32, true).div(127.5f).sub(1f);
            if (x.getShape().get(2) != INPUT_SIZE || x.getShape().get(3) != INPUT_SIZE) {
                x = FilteredResizing.antialiased(x, INPUT_SIZE);
            }
            for (int layer = 0; layer < weights.length; layer++) {
                NDArray w = scope.manager().create(weights[layer],
                        new Shape(CHANNELS[layer + 1], CHANNELS[layer], 3, 3));
                x = Activation.relu(Conv2d.conv2d(x, w, null, new Shape(2, 2), new Shape(1, 1)).singletonOrThrow());
            }
            NDArray flat = x.reshape(x.getShape().get(0), x.getShape().get(1), -1);   // [N,128,64]
            NDArray mean = flat.mean(new int[] {2});                                  // [N,128]
            NDArray std = flat.sub(mean.expandDims(2)).square().mean(new int[] {2}).sqrt();
            return scope.ret(NDArrays.concat(new ai.djl.ndarray.NDList(mean, std), 1)); // [N,256]
        }
    }

    @Override
    public String getName() {
        return "builtin-randconv-v" + VERSION + "-seed" + seed;
    }

    @Override
    public String getHash() {
        return Hashing.ofString(getName());
    }

    @Override
    public void close() {
        // Holds heap arrays only.
    }
}
