package eg3d.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.jspecify.annotations.Nullable;

/**
 * Detector features of a dataset's images, in the official order: with {@code mirror}, the
 * dataset is doubled as every image followed, after the last, by every image flipped left-right
 * (the official x-flip augmentation of the dataset); then the first {@code maxItems} are used.
 */
public final class DatasetFeatures {
    private DatasetFeatures() {}

    /** The number of items the options select from a dataset of {@code size} images. */
    public static int itemCount(int size, @Nullable Integer maxItems, boolean mirror) {
        int total = mirror ? 2 * size : size;
        return maxItems == null ? total : Math.min(total, maxItems);
    }

    public static FeatureStats compute(ImageSet images, FeatureDetector detector, @Nullable Integer maxItems,
            boolean mirror, boolean captureAll, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch: must be at least 1, got " + batchSize);
        }
        int count = itemCount(images.size(), maxItems, mirror);
        int[] size = images.getSize(0);
        int h = size[0], w = size[1], pixels = 3 * h * w;
        FeatureStats stats = new FeatureStats(captureAll);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int start = 0; start < count; start += batchSize) {
                int n = Math.min(batchSize, count - start);
                float[] batch = new float[n * pixels];
                for (int b = 0; b < n; b++) {
                    int item = start + b;
                    int index = item % images.size();
                    float[] chw = images.readChw(index);
                    if (chw.length != pixels) {
                        int[] other = images.getSize(index);
                        throw new IllegalArgumentException(images.getPath() + ": image " + index + " is " + other[0] + "×"
                                + other[1] + " but the first is " + h + "×" + w + "; all images must share one resolution");
                    }
                    if (item >= images.size()) {
                        flipHorizontally(chw, h, w);
                    }
                    System.arraycopy(chw, 0, batch, b * pixels, pixels);
                }
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.create(batch, new Shape(n, 3, h, w));
                    stats.append(detector.features(x));
                }
            }
        }
        return stats;
    }

    static void flipHorizontally(float[] chw, int h, int w) {
        for (int row = 0; row < 3 * h; row++) {
            int base = row * w;
            for (int x = 0; x < w / 2; x++) {
                float t = chw[base + x];
                chw[base + x] = chw[base + w - 1 - x];
                chw[base + w - 1 - x] = t;
            }
        }
    }
}
