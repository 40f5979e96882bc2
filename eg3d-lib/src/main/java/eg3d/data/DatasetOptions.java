package eg3d.data;

import org.jspecify.annotations.Nullable;

/**
 * How a dataset is presented to training, mirroring the official {@code ImageFolderDataset} kwargs.
 *
 * @param maxSize keep at most this many source images (a seeded random subset, in file order);
 *     null keeps all
 * @param xflip add a mirrored copy of every image, with its camera mirrored too; doubles the size
 * @param useLabels return the cameras as labels; false returns zeros (an unconditional model)
 * @param seed drives the subset choice, the batch shuffle and {@link Eg3dDataset#grid}
 */
public record DatasetOptions(@Nullable Integer maxSize, boolean xflip, boolean useLabels, long seed) {
    public DatasetOptions {
        if (maxSize != null && maxSize <= 0) {
            throw new IllegalArgumentException("maxSize is " + maxSize + "; give a positive count, or null to keep every image");
        }
    }

    /** All images, no mirroring, labels on, seed 0: the official defaults. */
    public static DatasetOptions defaults() {
        return new DatasetOptions(null, false, true, 0);
    }

    public DatasetOptions withMaxSize(@Nullable Integer value) {
        return new DatasetOptions(value, xflip, useLabels, seed);
    }

    public DatasetOptions withXflip(boolean value) {
        return new DatasetOptions(maxSize, value, useLabels, seed);
    }

    public DatasetOptions withUseLabels(boolean value) {
        return new DatasetOptions(maxSize, xflip, value, seed);
    }

    public DatasetOptions withSeed(long value) {
        return new DatasetOptions(maxSize, xflip, useLabels, value);
    }
}
