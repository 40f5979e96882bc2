package eg3d.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.nn.NoiseSource;
import eg3d.nn.Owned;

/**
 * Every random draw the loss makes, in one place, so a reference run's recorded draws can be
 * replayed (parity) and a run is reproducible from its seed and step.
 */
public interface TrainingDraws {
    /** Backbone noise for one phase's generator forward. */
    NoiseSource backboneNoise(Phase phase);

    /** U[0, 1) draws (density-regularisation points). */
    NDArray uniform(NDManager manager, Shape shape);

    /** N(0, 1) draws (point perturbations, style-mixing latents, D's camera noise). */
    NDArray normal(NDManager manager, Shape shape);

    /** A uniform draw in [0, 1) on the host (GPC swaps, style mixing). */
    double nextDouble();

    /** A uniform integer in [from, to) on the host (the style-mixing cutoff). */
    int nextInt(int from, int to);

    /**
     * The host generator of the augmentation pipe's per-sample choices and parameters. Replays of
     * reference runs without augmentation have none.
     */
    default java.util.Random augmentation() {
        throw new UnsupportedOperationException("these draws carry no augmentation stream; replay with augmentation off");
    }

    /**
     * The sign factor of the l1 density loss for differences {@code diff} (no graph). By default
     * sign(diff); a replay may substitute a reference's signs at near-ties.
     */
    default NDArray l1Sign(Phase phase, NDArray diff) {
        return diff.sign();
    }

    /**
     * The generated pair D receives in {@code phase} (image already blurred). By default the pair
     * itself; a replay may put a reference's recorded values in its place, forward only, so that
     * an activation sitting on a leaky-ReLU kink takes the reference's side while the gradient
     * still reaches this generator.
     */
    default NDArray[] generatedDInput(Phase phase, NDArray image, NDArray imageRaw) {
        return new NDArray[] {image, imageRaw};
    }

    /**
     * Every draw from the host generator {@code host}, arrays included. The other devices of a data
     * parallel run use it: PyTorch seeds every device's generator alike, so engine draws would repeat
     * from device to device, while host streams differ per device and do not depend on which thread
     * runs first.
     */
    static TrainingDraws host(java.util.Random host) {
        return new HostChoices(host) {
            @Override
            public NoiseSource backboneNoise(Phase phase) {
                return (layer, manager, shape) -> normal(manager, shape);
            }

            @Override
            public NDArray uniform(NDManager manager, Shape shape) {
                float[] x = new float[Math.toIntExact(shape.size())];
                for (int i = 0; i < x.length; i++) {
                    x[i] = host.nextFloat();
                }
                return Owned.of(manager.create(x, shape));
            }

            @Override
            public NDArray normal(NDManager manager, Shape shape) {
                float[] x = new float[Math.toIntExact(shape.size())];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) host.nextGaussian();
                }
                return Owned.of(manager.create(x, shape));
            }
        };
    }

    /** Draws from the engine's generator and a host generator. */
    static TrainingDraws engine(java.util.Random host) {
        return new HostChoices(host) {
            @Override
            public NoiseSource backboneNoise(Phase phase) {
                return NoiseSource.ENGINE;
            }

            @Override
            public NDArray uniform(NDManager manager, Shape shape) {
                return manager.randomUniform(0f, 1f, shape);
            }

            @Override
            public NDArray normal(NDManager manager, Shape shape) {
                return manager.randomNormal(shape);
            }
        };
    }

    /** The choices made on the host (swaps, mixing, augmentation), common to both kinds of draws. */
    abstract class HostChoices implements TrainingDraws {
        final java.util.Random host;

        HostChoices(java.util.Random host) {
            this.host = host;
        }

        @Override
        public double nextDouble() {
            return host.nextDouble();
        }

        @Override
        public int nextInt(int from, int to) {
            return from + host.nextInt(to - from);
        }

        @Override
        public java.util.Random augmentation() {
            return host;
        }
    }
}
