package eg3d.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import eg3d.nn.MappingNetwork;
import eg3d.nn.NoiseMode;
import eg3d.nn.NoiseSource;
import eg3d.nn.Params;
import eg3d.nn.Scope;
import eg3d.nn.Shapes;
import eg3d.nn.SynthesisNetwork;
import eg3d.render.ImportanceRenderer;
import eg3d.render.OsgDecoder;
import eg3d.render.RaySampler;
import eg3d.render.RenderingOptions;
import eg3d.render.Trace;
import eg3d.render.TriPlanes;
import org.jspecify.annotations.Nullable;
import eg3d.nn.Owned;

/**
 * EG3D's generator: mapping (z, c) → ws; StyleGAN2 backbone ws → tri-planes; volume rendering of
 * the planes from camera c → feature image, raw RGB and depth; super-resolution → image.
 *
 * <p>Parameter names are the official {@code state_dict} keys, so official weights load one to
 * one. The rendering resolution is passed in each {@link RenderSpec}, never stored back into the
 * generator. Every public call runs in its own native-memory {@link Scope}: its results belong to
 * the manager of its first input array, and its temporaries are freed before it returns.
 */
public final class TriPlaneGenerator implements AutoCloseable {
    private final GeneratorConfig config;
    private final Params params;
    private final NDArray datasetLabelStd;
    private final SynthesisNetwork synthesis;
    private final MappingNetwork mapping;
    private final SuperResolution superResolution;
    private final OsgDecoder decoder;
    private final java.util.concurrent.atomic.AtomicLong backboneRuns = new java.util.concurrent.atomic.AtomicLong();

    /** Builds the network from params (strict: every key must fit, see {@link Params#verify()}). */
    public TriPlaneGenerator(GeneratorConfig config, Params params) {
        this.config = config;
        this.params = params;
        // Construction order is state_dict order: own buffers, then backbone, SR head and decoder.
        datasetLabelStd = params.require("dataset_label_std", Params.Init.ONES, config.cDim());
        synthesis = new SynthesisNetwork(params, "backbone.synthesis", config.wDim(), config.triplaneResolution(),
                3 * config.triplaneChannels(), config.channelBase(), config.channelMax(), config.convClamp());
        mapping = new MappingNetwork(params, "backbone.mapping", config.zDim(), config.cDim(), config.wDim(),
                synthesis.getNumWs(), config.mappingLayers(), 0.01f, true);
        superResolution = new SuperResolution(params, "superresolution", config.decoderOutputDim(), config.wDim(),
                config.srInputResolution(), config.srBlocks(), config.srConvClamp());
        decoder = new OsgDecoder(params, "decoder", config.triplaneChannels(), config.decoderHidden(),
                config.decoderOutputDim(), (float) config.rendering().decoderLrMul());
        params.verify();
    }

    /** How many times the backbone has run: multi-view jobs should run it once per latent. */
    public long getBackboneRuns() {
        return backboneRuns.get();
    }

    public GeneratorConfig getConfig() {
        return config;
    }

    public Params getParams() {
        return params;
    }

    public int getNumWs() {
        return synthesis.getNumWs();
    }

    /** The per-dimension std of the training cameras, used by the trainer's pose conditioning. */
    public NDArray getDatasetLabelStd() {
        return datasetLabelStd;
    }

    /**
     * z [N,zDim], c [N,25] → ws [N,numWs,wDim]. c is scaled by c_scale (or zeroed for
     * c_gen_conditioning_zero) before the mapping sees it; truncation lerps the first
     * {@code truncationCutoff} ws toward w_avg (all when null).
     */
    public NDArray mapping(NDArray z, NDArray c, float truncationPsi, @Nullable Integer truncationCutoff) {
        Shapes.check("mapping z", z, Shapes.ANY, config.zDim());
        Shapes.check("mapping c", c, z.getShape().get(0), config.cDim());
        try (Scope scope = Scope.open(z.getManager(), params.all(), new NDArray[] {z, c})) {
            NDArray cond = config.cGenConditioningZero() ? c.zerosLike() : Owned.mul(c, (float) config.cScale());
            return scope.ret(mapping.forward(z, cond, truncationPsi, truncationCutoff));
        }
    }

    /** Runs the backbone once: ws → tri-planes, to render any number of cameras from. */
    public TriPlanes planes(NDArray ws, NoiseMode noiseMode) {
        return planes(ws, noiseMode, true, NoiseSource.ENGINE);
    }

    private TriPlanes planes(NDArray ws, NoiseMode noiseMode, boolean fused, NoiseSource noise) {
        Shapes.check("synthesis ws", ws, Shapes.ANY, getNumWs(), config.wDim());
        backboneRuns.incrementAndGet();
        try (Scope scope = Scope.open(ws.getManager(), params.all(), new NDArray[] {ws})) {
            NDArray img = synthesis.forward(ws, noiseMode, fused, noise);
            return new TriPlanes(scope.ret(img.reshape(img.getShape().get(0), 3, config.triplaneChannels(),
                    config.triplaneResolution(), config.triplaneResolution())));
        }
    }

    /** ws, c → image, raw image and depth: backbone, then {@link #render}. */
    public Generated synthesis(NDArray ws, NDArray c, RenderSpec spec) {
        return synthesis(ws, c, spec, Trace.NONE);
    }

    /** As {@link #synthesis(NDArray, NDArray, RenderSpec)}, recording intermediates under fixture keys. */
    public Generated synthesis(NDArray ws, NDArray c, RenderSpec spec, Trace trace) {
        try (TriPlanes planes = planes(ws, spec.noiseMode())) {
            trace.record("planes", planes::getPlanes);
            return render(planes, ws, c, spec, trace);
        }
    }

    /** z, c → outputs with the same c for mapping and rendering (the official forward). */
    public Generated generate(NDArray z, NDArray c, float truncationPsi, @Nullable Integer truncationCutoff, RenderSpec spec) {
        try (NDArray ws = mapping(z, c, truncationPsi, truncationCutoff)) {
            return synthesis(ws, c, spec);
        }
    }

    /** Renders camera c from cached planes; the backbone does not run. ws conditions the SR head. */
    public Generated render(TriPlanes planes, NDArray ws, NDArray c, RenderSpec spec) {
        return render(planes, ws, c, spec, Trace.NONE);
    }

    /** As {@link #render(TriPlanes, NDArray, NDArray, RenderSpec)}, with a trace. */
    public Generated render(TriPlanes planes, NDArray ws, NDArray c, RenderSpec spec, Trace trace) {
        return render(planes, ws, c, spec, trace, true);
    }

    /**
     * The training forward, {@code G.synthesis} in train mode: the separate (non-fused) modulated
     * convs, whose gradients match the reference's training path, and backbone noise drawn from
     * {@code noise}. The caller holds autograd on; results carry their graph.
     */
    public Generated synthesisForTraining(NDArray ws, NDArray c, RenderSpec spec, NoiseSource noise) {
        try (TriPlanes planes = planes(ws, spec.noiseMode(), false, noise)) {
            return render(planes, ws, c, spec, Trace.NONE, false);
        }
    }

    /** Raw σ [N,M,1] and features at points [N,M,3], through the training path (density regularisation). */
    public NDArray[] sampleMixedForTraining(NDArray points, NDArray ws, NoiseMode noiseMode, NoiseSource noise) {
        try (TriPlanes planes = planes(ws, noiseMode, false, noise)) {
            return sampleFromPlanes(planes, points);
        }
    }

    private Generated render(TriPlanes planes, NDArray ws, NDArray c, RenderSpec spec, Trace trace, boolean fused) {
        Rendered r = renderRays(planes, c, spec, trace);                      // on c's manager, the caller's
        try (Scope scope = Scope.open(ws.getManager(), params.all(), new NDArray[] {ws}).borrow(r.arrays())) {
            NDArray rgb = r.featureImage().get(":, :3");
            trace.record("sr_in_rgb", () -> rgb);
            SuperResolution.Output sr = superResolution.forward(rgb, r.featureImage(), ws,
                    config.rendering().superresolutionNoiseMode(), fused, trace);
            // No copies: a copy would cut the graph that training needs from image_raw back to the planes.
            return new Generated(scope.ret(sr.image()), scope.ret(sr.imageRaw()), r.depthImage(), r.featureImage(),
                    r.weightsImage());
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** The neural rendering alone (no super-resolution): images at the rendering resolution. */
    public record Rendered(NDArray featureImage, NDArray depthImage, NDArray weightsImage) implements AutoCloseable {
        NDArray[] arrays() {
            return new NDArray[] {featureImage, depthImage, weightsImage};
        }

        @Override
        public void close() {
            featureImage.close();
            depthImage.close();
            weightsImage.close();
        }
    }

    /** Volume-renders camera c from cached planes: feature image [N,C,r,r], depth [N,1,r,r], opacity [N,1,r,r]. */
    public Rendered renderRays(TriPlanes planes, NDArray c, RenderSpec spec, Trace trace) {
        Shapes.check("camera c", c, planes.getBatch(), 25);
        int res = spec.neuralRenderingResolution() > 0 ? spec.neuralRenderingResolution() : config.neuralRenderingResolution();
        try (Scope scope = Scope.open(c.getManager(), params.all(), planes.arrays(), new NDArray[] {c})) {
            long n = c.getShape().get(0);
            NDArray[] rays = RaySampler.sample(c, res);
            RenderingOptions options = config.rendering();
            if (spec.sampleMultiplier() != 1) {
                options = options.withSamples((int) (options.depthResolution() * spec.sampleMultiplier()),
                        (int) (options.depthResolutionImportance() * spec.sampleMultiplier()));
            }
            ImportanceRenderer.Output r = ImportanceRenderer.render(planes, decoder, rays[0], rays[1],
                    options, new ImportanceRenderer.Settings(spec.deterministic(), spec.chunkRays()), trace);
            trace.record("feature_samples", r::featureSamples);
            trace.record("depth_samples", r::depthSamples);
            trace.record("weights_sum", r::weightsSum);
            NDArray featureImage = r.featureSamples().transpose(0, 2, 1).reshape(n, -1, res, res);
            trace.record("feature_image", () -> featureImage);
            return new Rendered(scope.ret(featureImage), scope.ret(r.depthSamples().transpose(0, 2, 1).reshape(n, 1, res, res)),
                    scope.ret(r.weightsSum().transpose(0, 2, 1).reshape(n, 1, res, res)));
        }
    }

    /** The super-resolution head alone: rgb [N,3,r,r], feature image [N,C,r,r], ws → outputs. */
    public SuperResolution.Output superResolve(NDArray rgb, NDArray featureImage, NDArray ws, Trace trace) {
        try (Scope scope = Scope.open(ws.getManager(), params.all(), new NDArray[] {rgb, featureImage, ws})) {
            SuperResolution.Output sr = superResolution.forward(rgb, featureImage, ws,
                    config.rendering().superresolutionNoiseMode(), true, trace);
            return new SuperResolution.Output(scope.ret(sr.image()), scope.ret(sr.imageRaw()));
        }
    }

    /** The OSG decoder, for callers that sample planes themselves. */
    public OsgDecoder getDecoder() {
        return decoder;
    }

    /** Raw σ [N,M,1] and features [N,M,C] at points [N,M,3] in world space, from ws. */
    public NDArray[] sampleMixed(NDArray points, NDArray ws, NoiseMode noiseMode) {
        try (TriPlanes planes = planes(ws, noiseMode)) {
            return sampleFromPlanes(planes, points);
        }
    }

    /** Raw σ [N,M,1] and features [N,M,C] at points from cached planes. */
    public NDArray[] sampleFromPlanes(TriPlanes planes, NDArray points) {
        try (Scope scope = Scope.open(points.getManager(), params.all(), planes.arrays(), new NDArray[] {points})) {
            NDArray[] out = ImportanceRenderer.samplePoints(planes, decoder, points, config.rendering());
            return new NDArray[] {scope.ret(out[0]), scope.ret(out[1])};
        }
    }

    /** The official {@code sample}: mapping, backbone and decoder at arbitrary points. */
    public NDArray[] sample(NDArray points, NDArray z, NDArray c, float truncationPsi, @Nullable Integer truncationCutoff,
            NoiseMode noiseMode) {
        try (NDArray ws = mapping(z, c, truncationPsi, truncationCutoff)) {
            return sampleMixed(points, ws, noiseMode);
        }
    }

    @Override
    public void close() {
        params.close();
    }
}
