package eg3d.gen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.model.TriPlaneGenerator;
import eg3d.progress.ProgressListener;
import eg3d.render.TriPlanes;
import eg3d.shape.DensityVolume;
import eg3d.shape.Mesh;
import eg3d.shape.ShapeSampler;

/**
 * A generated object's geometry: the density volume exactly as the official {@code --shapes}
 * export writes it (MRC), and a mesh by marching cubes with vertex colours sampled from the
 * generator's own colour features, which the official tools do not give.
 */
public final class ShapeExport {
    /** Points decoded per native call: bounds memory at any resolution. */
    public static final int CHUNK_POINTS = 1 << 18;

    private ShapeExport() {}

    /** The official volume: reference grid, flipped on x, border −1000; ready for {@code writeMrc}. */
    public static DensityVolume officialVolume(TriPlaneGenerator g, TriPlanes planes, int resolution, ProgressListener progress) {
        ShapeSampler sampler = new ShapeSampler(resolution, g.getConfig().rendering().boxWarp());
        ShapeSampler.Volume v = sampler.sample(g, planes, CHUNK_POINTS, false, true, progress);
        return new DensityVolume(v.sigmaFinal(), resolution, (float) g.getConfig().rendering().boxWarp());
    }

    /** Raw σ on the exact grid in world orientation (x not flipped), border −1000 as the official export. */
    public static DensityVolume worldVolume(TriPlaneGenerator g, TriPlanes planes, int resolution, ProgressListener progress) {
        ShapeSampler sampler = new ShapeSampler(resolution, g.getConfig().rendering().boxWarp());
        ShapeSampler.Volume v = sampler.sample(g, planes, CHUNK_POINTS, false, false, progress);
        return new DensityVolume(ShapeSampler.finish(v.sigmaRaw(), resolution, false), resolution,
                (float) g.getConfig().rendering().boxWarp());
    }

    /** Marching cubes at {@code level} on the world volume, coloured by the decoder's RGB features at each vertex. */
    public static Mesh mesh(TriPlaneGenerator g, TriPlanes planes, DensityVolume world, float level) {
        Mesh mesh = world.marchingCubes(level);
        if (mesh.isEmpty()) {
            return mesh;
        }
        float[] v = mesh.getVertices();
        int count = mesh.getVertexCount(), channels = g.getConfig().decoderOutputDim();
        float[] colors = new float[count * 3];
        NDManager base = planes.getPlanes().getManager();
        for (int start = 0; start < count; start += CHUNK_POINTS) {
            int n = Math.min(CHUNK_POINTS, count - start);
            try (NDManager m = base.newSubManager()) {
                NDArray points = m.create(java.util.Arrays.copyOfRange(v, 3 * start, 3 * (start + n)), new Shape(1, n, 3));
                float[] rgb = g.sampleFromPlanes(planes, points)[1].toFloatArray();
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < 3; k++) {
                        colors[3 * (start + i) + k] = Math.min(1f, Math.max(0f, rgb[i * channels + k]));
                    }
                }
            }
        }
        return mesh.withColors(colors);
    }
}
