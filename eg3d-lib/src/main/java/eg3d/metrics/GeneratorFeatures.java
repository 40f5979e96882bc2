package eg3d.metrics;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.data.XFlip;
import eg3d.model.Generated;
import eg3d.model.NumpyRandomState;
import eg3d.model.RenderSpec;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.NoiseMode;
import java.util.SplittableRandom;

/**
 * Detector features of generated images, with every random choice derived from one seed so a run
 * can be repeated exactly:
 * <ul>
 *   <li>sample i has z = {@code numpy.random.RandomState(seed + i).randn(zDim)}, the latent the
 *       official gen_samples (and {@code ./eg3d gen-samples --seeds}) uses for seed + i;</li>
 *   <li>its camera c is the label of dataset item {@code SplittableRandom(seed).nextInt(items)}, the
 *       i-th draw: the dataset's own camera distribution, as the official metrics use it for both
 *       the mapping and the renderer. With mirroring the items are the images and then their
 *       mirror images, whose cameras are mirrored ({@link XFlip#camera});</li>
 *   <li>batch b (of {@code batchSize} samples) renders with the engine's random seed set to
 *       seed + b, which fixes the backbone noise, the depth jitter and the importance samples.</li>
 * </ul>
 * Images are quantised as the official metrics do, (x·127.5 + 128) clamped to [0, 255] and
 * truncated to integers, before the detector sees them.
 */
public final class GeneratorFeatures {
    private GeneratorFeatures() {}

    /** The rendering the official metrics use: stochastic sampling and random noise. */
    public static RenderSpec metricRenderSpec() {
        return new RenderSpec(0, false, NoiseMode.RANDOM, RenderSpec.DEFAULT_CHUNK_RAYS);
    }

    public static FeatureStats compute(TriPlaneGenerator generator, ImageSet cameras, FeatureDetector detector,
            int numGen, long seed, int batchSize, float truncationPsi, boolean mirror, boolean captureAll) {
        if (!cameras.hasLabels()) {
            throw new IllegalArgumentException(cameras.getPath() + ": the dataset has no camera labels in dataset.json; "
                    + "generated samples draw their cameras from them, so use the labelled dataset zip");
        }
        int zDim = generator.getConfig().zDim();
        SplittableRandom cameraRandom = new SplittableRandom(seed);
        FeatureStats stats = new FeatureStats(captureAll);
        RenderSpec spec = metricRenderSpec();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int start = 0, batch = 0; start < numGen; start += batchSize, batch++) {
                int n = Math.min(batchSize, numGen - start);
                float[] z = new float[n * zDim], c = new float[n * 25];
                for (int b = 0; b < n; b++) {
                    System.arraycopy(NumpyRandomState.randn(seed + start + b, zDim), 0, z, b * zDim, zDim);
                    int item = cameraRandom.nextInt(mirror ? 2 * cameras.size() : cameras.size());
                    float[] label = cameras.getLabel(item % cameras.size());
                    if (label.length != 25) {
                        throw new IllegalArgumentException(cameras.getPath() + ": camera labels have " + label.length
                                + " values; EG3D labels are 25 (16 cam2world + 9 intrinsics)");
                    }
                    System.arraycopy(item >= cameras.size() ? XFlip.camera(label) : label, 0, c, b * 25, 25);
                }
                Engine.getInstance().setRandomSeed((int) (seed + batch));
                try (NDManager step = manager.newSubManager()) {
                    NDArray zs = step.create(z, new Shape(n, zDim)), cs = step.create(c, new Shape(n, 25));
                    try (Generated out = generator.generate(zs, cs, truncationPsi, null, spec)) {
                        NDArray images = out.getImage().mul(127.5f).add(128f).clip(0f, 255f).floor();
                        stats.append(detector.features(images));
                    }
                }
            }
        }
        return stats;
    }
}
