package eg3d.shape;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.model.TriPlaneGenerator;
import eg3d.render.TriPlanes;
import org.jspecify.annotations.Nullable;

/**
 * The density volume of a generated object, sampled exactly as the official {@code --shapes}
 * export does: raw σ on an N³ grid over the box, x slowest, then flipped on x with a border of
 * int(30N/256) voxels set to −1000.
 *
 * <p>The official grid has a quirk: its x and y indices come from float division without
 * flooring, so they carry a fractional part ((i/N) mod N). The released shapes were made that
 * way, and {@link #coordinates()} reproduces it so volumes match the reference bit for bit.
 */
public final class ShapeSampler {
    public static final float BORDER_VALUE = -1000f;
    private final int resolution;
    private final double boxWarp;

    public ShapeSampler(int resolution, double boxWarp) {
        if (resolution < 2) {
            throw new IllegalArgumentException("shape resolution: need at least 2 voxels per side, got " + resolution);
        }
        this.resolution = resolution;
        this.boxWarp = boxWarp;
    }

    /** Raw samples in grid order, flipped and bordered samples, and optional features (N³·C). */
    public record Volume(int resolution, float[] sigmaRaw, float[] sigmaFinal, float @Nullable [] rgbRaw) {}

    /** The N³ sample points, flat xyz triples, in the official order and arithmetic (quirk included). */
    public float[] coordinates() {
        return coordinates(0, resolution * resolution * resolution, true);
    }

    /**
     * Points {@code start … start+count−1} of the grid, x slowest. {@code official} reproduces the
     * reference's fractional x/y indices; otherwise the points sit exactly on the grid (meshes).
     */
    public float[] coordinates(int start, int count, boolean official) {
        int n = resolution;
        float voxel = (float) (boxWarp / (n - 1));
        float origin = (float) (-boxWarp / 2);
        float[] xyz = new float[3 * count];
        for (int j = 0; j < count; j++) {
            int i = start + j;
            float fi = i;
            float ix = official ? (fi / n / n) % n : i / (n * n);
            float iy = official ? (fi / n) % n : (i / n) % n;
            xyz[3 * j] = ix * voxel + origin;
            xyz[3 * j + 1] = iy * voxel + origin;
            xyz[3 * j + 2] = (float) (i % n) * voxel + origin;
        }
        return xyz;
    }

    /** Samples σ (and features when {@code withFeatures}) from cached planes, {@code chunk} points at a time. */
    public Volume sample(TriPlaneGenerator g, TriPlanes planes, int chunk, boolean withFeatures) {
        return sample(g, planes, chunk, withFeatures, true, eg3d.progress.ProgressListener.none());
    }

    /**
     * Samples σ on the grid ({@code official}: the reference's grid, else the exact one), with
     * progress, {@code chunk} points at a time; memory beyond the result stays bounded by the chunk.
     */
    public Volume sample(TriPlaneGenerator g, TriPlanes planes, int chunk, boolean withFeatures, boolean official,
            eg3d.progress.ProgressListener progress) {
        int n = resolution, total = n * n * n;
        float[] sigma = new float[total];
        int channels = g.getConfig().decoderOutputDim();
        float[] rgb = withFeatures ? new float[total * channels] : null;
        NDManager base = planes.getPlanes().getManager();
        progress.start("density " + n + "³", total);
        for (int start = 0; start < total; start += chunk) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("shape sampling interrupted");
            }
            int count = Math.min(chunk, total - start);
            try (NDManager m = base.newSubManager()) {
                NDArray points = m.create(coordinates(start, count, official), new Shape(1, count, 3));
                NDArray[] out = g.sampleFromPlanes(planes, points);
                System.arraycopy(out[0].toFloatArray(), 0, sigma, start, count);
                if (rgb != null) {
                    System.arraycopy(out[1].toFloatArray(), 0, rgb, start * channels, count * channels);
                }
                out[0].close();
                out[1].close();
            }
            progress.advance(start + count, "");
        }
        progress.finish(n + "³ samples");
        return new Volume(n, sigma, finish(sigma, n), rgb);
    }

    /** Flip on x and set the border to {@link #BORDER_VALUE}, as the official export does. */
    public static float[] finish(float[] raw, int n) {
        return finish(raw, n, true);
    }

    /** Sets the border of int(30N/256) voxels to {@link #BORDER_VALUE}, flipping x when {@code flip}. */
    public static float[] finish(float[] raw, int n, boolean flip) {
        float[] out = new float[raw.length];
        int pad = (int) (30.0 * n / 256);
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                for (int z = 0; z < n; z++) {
                    boolean border = x < pad || x >= n - pad || y < pad || y >= n - pad || z < pad || z >= n - pad;
                    int sx = flip ? n - 1 - x : x;
                    out[(x * n + y) * n + z] = border ? BORDER_VALUE : raw[(sx * n + y) * n + z];
                }
            }
        }
        return out;
    }

    public int getResolution() {
        return resolution;
    }
}
