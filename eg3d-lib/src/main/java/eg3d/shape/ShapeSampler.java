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

    /** The N³ sample points, flat xyz triples, in the official order and arithmetic. */
    public float[] coordinates() {
        int n = resolution;
        float voxel = (float) (boxWarp / (n - 1));
        float origin = (float) (-boxWarp / 2);
        float[] xyz = new float[3 * n * n * n];
        for (int i = 0; i < n * n * n; i++) {
            float fi = i;
            xyz[3 * i] = (fi / n / n) % n * voxel + origin;
            xyz[3 * i + 1] = (fi / n) % n * voxel + origin;
            xyz[3 * i + 2] = (float) (i % n) * voxel + origin;
        }
        return xyz;
    }

    /** Samples σ (and features when {@code withFeatures}) from cached planes, {@code chunk} points at a time. */
    public Volume sample(TriPlaneGenerator g, TriPlanes planes, int chunk, boolean withFeatures) {
        int n = resolution, total = n * n * n;
        float[] coords = coordinates();
        float[] sigma = new float[total];
        int channels = g.getConfig().decoderOutputDim();
        float[] rgb = withFeatures ? new float[total * channels] : null;
        NDManager base = planes.getPlanes().getManager();
        for (int start = 0; start < total; start += chunk) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("shape sampling interrupted");
            }
            int count = Math.min(chunk, total - start);
            try (NDManager m = base.newSubManager()) {
                float[] part = java.util.Arrays.copyOfRange(coords, 3 * start, 3 * (start + count));
                NDArray points = m.create(part, new Shape(1, count, 3));
                NDArray[] out = g.sampleFromPlanes(planes, points);
                System.arraycopy(out[0].toFloatArray(), 0, sigma, start, count);
                if (rgb != null) {
                    System.arraycopy(out[1].toFloatArray(), 0, rgb, start * channels, count * channels);
                }
            }
        }
        return new Volume(n, sigma, finish(sigma, n), rgb);
    }

    /** Flip on x and set the border to {@link #BORDER_VALUE}, as the official export does. */
    static float[] finish(float[] raw, int n) {
        float[] out = new float[raw.length];
        int pad = (int) (30.0 * n / 256);
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                for (int z = 0; z < n; z++) {
                    boolean border = x < pad || x >= n - pad || y < pad || y >= n - pad || z < pad || z >= n - pad;
                    out[(x * n + y) * n + z] = border ? BORDER_VALUE : raw[((n - 1 - x) * n + y) * n + z];
                }
            }
        }
        return out;
    }

    public int getResolution() {
        return resolution;
    }
}
