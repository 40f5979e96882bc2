package eg3d.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.nn.Scope;
import eg3d.nn.Owned;

/**
 * Two-pass volume rendering of the tri-planes: stratified coarse depths, decode, march, draw fine
 * depths from the coarse weights, decode those, merge and sort all samples, march again.
 *
 * <p>Rays are processed in chunks of at most {@code chunkRays}, each in its own native-memory
 * scope, so memory stays bounded at any resolution. The only batch-wide coupling in the reference,
 * the depth clamp to the range of all samples, is applied after the chunks are merged, so chunked
 * and unchunked renders agree.
 */
public final class ImportanceRenderer {
    private ImportanceRenderer() {}

    /** Per-ray results: features [N,M,C] in [−1,1], depth [N,M,1], accumulated weight [N,M,1]. */
    public record Output(NDArray featureSamples, NDArray depthSamples, NDArray weightsSum) {}

    /** Rendering switches that are not part of the model's config. */
    public record Settings(boolean deterministic, int chunkRays) {
        public Settings {
            if (chunkRays < 1) {
                throw new IllegalArgumentException("chunk size: need at least 1 ray per chunk, got " + chunkRays);
            }
        }
    }

    /** rayOrigins, rayDirections [N,M,3] → {@link Output}; decoder params must be borrowed by the caller's scope. */
    public static Output render(TriPlanes planes, OsgDecoder decoder, NDArray rayOrigins, NDArray rayDirections,
            RenderingOptions options, Settings settings, Trace trace) {
        long n = rayOrigins.getShape().get(0), m = rayOrigins.getShape().get(1);
        NDManager out = rayOrigins.getManager();
        long chunk = trace.enabled() ? m : Math.max(1, settings.chunkRays() / Math.max(1, n));
        NDList features = new NDList(), depths = new NDList(), weightSums = new NDList();
        float depthMin = Float.POSITIVE_INFINITY, depthMax = Float.NEGATIVE_INFINITY;
        for (long start = 0; start < m; start += chunk) {
            long end = Math.min(m, start + chunk);
            try (Scope scope = Scope.open(out, planes.arrays())) {
                NDArray origins = rayOrigins.get(":, {}:{}", start, end);
                NDArray directions = rayDirections.get(":, {}:{}", start, end);
                origins.attach(scope.manager());
                directions.attach(scope.manager());
                Chunk c = renderChunk(planes, decoder, origins, directions, options, settings, trace);
                depthMin = Math.min(depthMin, c.depthMin);
                depthMax = Math.max(depthMax, c.depthMax);
                features.add(scope.ret(c.rgb));
                depths.add(scope.ret(c.depth));
                weightSums.add(scope.ret(c.weightsSum));
            }
        }
        NDArray feature = features.size() == 1 ? features.get(0) : NDArrays.concat(features, 1);
        NDArray depth = depths.size() == 1 ? depths.get(0) : NDArrays.concat(depths, 1);
        NDArray weightsSum = weightSums.size() == 1 ? weightSums.get(0) : NDArrays.concat(weightSums, 1);
        return new Output(feature, RayMarcher.clampDepth(depth, depthMin, depthMax), weightsSum);
    }

    private record Chunk(NDArray rgb, NDArray depth, NDArray weightsSum, float depthMin, float depthMax) {}

    private static Chunk renderChunk(TriPlanes planes, OsgDecoder decoder, NDArray origins, NDArray directions,
            RenderingOptions options, Settings settings, Trace trace) {
        long n = origins.getShape().get(0), r = origins.getShape().get(1);
        NDArray depthsCoarse = stratified(origins.getManager(), n, r, options, settings.deterministic());
        trace.record("ray_origins", () -> origins);
        trace.record("ray_directions", () -> directions);
        trace.record("depths_coarse", () -> depthsCoarse);
        NDArray[] coarse = runModel(planes, decoder, origins, directions, depthsCoarse, options);
        trace.record("sigma_coarse", () -> coarse[0].reshape(n, -1, 1));
        trace.record("rgb_coarse", () -> coarse[1].reshape(n, r * options.depthResolution(), -1));
        NDArray depths = depthsCoarse, colors = coarse[1], densities = coarse[0];
        if (options.depthResolutionImportance() > 0) {
            RayMarcher.Result m = RayMarcher.march(colors, densities, depths, options.whiteBack());
            trace.record("march_coarse_rgb", m::rgb);
            trace.record("march_coarse_depth", () -> RayMarcher.clampDepth(m.depth(), depthsCoarse.min().getFloat(), depthsCoarse.max().getFloat()));
            trace.record("march_coarse_weights", m::weights);
            NDArray depthsFine = ImportanceSampler.sample(depthsCoarse, m.weights(), options.depthResolutionImportance(),
                    settings.deterministic()).stopGradient();   // the reference draws fine depths without autograd
            trace.record("depths_fine", () -> depthsFine);
            NDArray[] fine = runModel(planes, decoder, origins, directions, depthsFine, options);
            trace.record("sigma_fine", () -> fine[0].reshape(n, -1, 1));
            trace.record("rgb_fine", () -> fine[1].reshape(n, r * options.depthResolutionImportance(), -1));
            NDArray[] merged = unifySamples(depthsCoarse, colors, densities, depthsFine, fine[1], fine[0]);
            depths = merged[0];
            colors = merged[1];
            densities = merged[2];
            NDArray sorted = depths;
            trace.record("all_depths_sorted", () -> sorted);
        }
        RayMarcher.Result f = RayMarcher.march(colors, densities, depths, options.whiteBack());
        float min = depths.min().getFloat(), max = depths.max().getFloat();
        trace.record("march_final_rgb", f::rgb);
        trace.record("march_final_depth", () -> RayMarcher.clampDepth(f.depth(), min, max));
        trace.record("march_final_weights", f::weights);
        return new Chunk(f.rgb(), f.depth(), f.weights().sum(new int[] {2}), min, max);
    }

    /**
     * Merges two sample sets along the sample axis, sorted by depth: depths [N,R,S,1], colors
     * [N,R,S,C], densities [N,R,S,1] each → {depths, colors, densities}.
     */
    public static NDArray[] unifySamples(NDArray depths1, NDArray colors1, NDArray densities1, NDArray depths2,
            NDArray colors2, NDArray densities2) {
        NDArray all = depths1.concat(depths2, 2);
        NDArray order = all.argSort(2);
        return new NDArray[] {all.gather(order, 2),
            colors1.concat(colors2, 2).gather(order.repeat(3, colors1.getShape().get(3)), 2),
            densities1.concat(densities2, 2).gather(order, 2)};
    }

    /** Coarse depths [N,R,S,1]: a float32 linspace in [rayStart, rayEnd], jittered within a step unless deterministic. */
    public static NDArray stratified(NDManager mgr, long n, long r, RenderingOptions options, boolean deterministic) {
        int s = options.depthResolution();
        float start = (float) options.rayStart(), end = (float) options.rayEnd();
        NDArray depths = Owned.of(mgr.create(Linspace.of(start, end, s), new Shape(1, 1, s, 1))).broadcast(n, r, s, 1);
        if (!deterministic) {
            float delta = (float) ((options.rayEnd() - options.rayStart()) / (s - 1));
            depths = depths.add(Owned.mul(mgr.randomUniform(0f, 1f, new Shape(n, r, s, 1)), delta));
        }
        return depths;
    }

    /** Decodes σ and features at origin + depth·direction: {sigma [N,R,S,1], rgb [N,R,S,C]}. */
    public static NDArray[] runModel(TriPlanes planes, OsgDecoder decoder, NDArray origins, NDArray directions,
            NDArray depths, RenderingOptions options) {
        long n = origins.getShape().get(0), r = origins.getShape().get(1), s = depths.getShape().get(2);
        NDArray points = origins.expandDims(2).add(depths.mul(directions.expandDims(2))).reshape(n, r * s, 3);
        NDArray[] out = decoder.forward(TriPlaneSampler.sample(planes, points, options.boxWarp(), options.projection()));
        NDArray sigma = out[0];
        if (options.densityNoise() > 0) {
            sigma = sigma.add(Owned.mul(sigma.getManager().randomNormal(sigma.getShape()), (float) options.densityNoise()));
        }
        return new NDArray[] {sigma.reshape(n, r, s, 1), out[1].reshape(n, r, s, -1)};
    }

    /** Decodes raw σ and features at arbitrary points [N,M,3]: {sigma [N,M,1], rgb [N,M,C]}. */
    public static NDArray[] samplePoints(TriPlanes planes, OsgDecoder decoder, NDArray points, RenderingOptions options) {
        return decoder.forward(TriPlaneSampler.sample(planes, points, options.boxWarp(), options.projection()));
    }

}
