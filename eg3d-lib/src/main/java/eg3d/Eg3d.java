package eg3d;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import eg3d.camera.CameraVector;
import eg3d.camera.Intrinsics;
import eg3d.camera.LookAtPoseSampler;
import eg3d.io.Network;
import eg3d.io.NetworkFile;
import eg3d.model.Generated;
import eg3d.model.GeneratorConfig;
import eg3d.model.NumpyRandomState;
import eg3d.model.Presets;
import eg3d.model.RenderSpec;
import eg3d.model.TriPlaneGenerator;
import eg3d.nn.Params;
import eg3d.gen.ImageMode;
import eg3d.gen.Latents;
import eg3d.gen.ShapeExport;
import eg3d.gen.VideoJob;
import eg3d.media.Video;
import eg3d.nn.NoiseMode;
import eg3d.progress.ProgressListener;
import eg3d.render.TriPlanes;
import eg3d.shape.DensityVolume;
import eg3d.shape.Mesh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one door to the library: load a generator, then generate from (seed, truncation, camera)
 * in one call.
 *
 * <pre>{@code
 * try (Eg3d eg3d = Eg3d.load(Path.of("network-snapshot.pkl"));
 *      Sample s = eg3d.generate(spec -> spec.setSeed(7).setYaw(0.4))) {
 *     BufferedImage image = s.getImage(), raw = s.getImageRaw(), depth = s.getDepth();
 * }
 * // Kotlin: Eg3d.load(path).use { g -> g.generate { it.seed = 7; it.yaw = 0.4 }.use { s -> s.image } }
 * }</pre>
 */
public final class Eg3d implements AutoCloseable {
    /** Names a model file that wins over the search of {@link #locateDefaultModel()}. */
    public static final String MODEL_ENV = "EG3D_MODEL";
    /** The model the project ships, relative to the project folder. */
    public static final String SHIPPED_MODEL = "models/eg3d-nano.ckpt";
    /** The official tiny reference snapshot, relative to the project folder (read in place, never copied). */
    public static final String REFERENCE_SNAPSHOT = "../shared/fixtures/official/tiny/network-snapshot.pkl";

    private final NDManager manager;
    private final TriPlaneGenerator generator;
    private final @Nullable Network network;
    private final String source;

    private Eg3d(NDManager manager, TriPlaneGenerator generator, @Nullable Network network, String source) {
        this.manager = manager;
        this.generator = generator;
        this.network = network;
        this.source = source;
    }

    /**
     * The model the quickstart, the notebooks and the CLI use when none is given: the file named by
     * {@code $EG3D_MODEL}, else the shipped {@value #SHIPPED_MODEL}, else the official tiny snapshot
     * next to the project. The project folder is looked for at {@code -Deg3d.home}, {@code $EG3D_HOME},
     * the working directory and its parent, so this works from the project root and from
     * {@code notebooks/}. Null when none of them exists.
     *
     * @throws IllegalArgumentException when {@code $EG3D_MODEL} names a file that does not exist
     */
    public static @Nullable Path locateDefaultModel() {
        String named = System.getenv(MODEL_ENV);
        if (named != null && !named.isBlank()) {
            Path p = Path.of(named);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(MODEL_ENV + "=" + named + ": no such file; point it at a .pkl or .ckpt, or unset it");
            }
            return p;
        }
        for (String relative : List.of(SHIPPED_MODEL, REFERENCE_SNAPSHOT)) {
            for (Path home : projectFolders()) {
                Path p = home.resolve(relative);
                if (Files.isRegularFile(p)) {
                    return p.toAbsolutePath().normalize();
                }
            }
        }
        return null;
    }

    /** Where {@link #locateDefaultModel()} looked, for error messages. */
    public static List<Path> defaultModelCandidates() {
        List<Path> all = new ArrayList<>();
        for (String relative : List.of(SHIPPED_MODEL, REFERENCE_SNAPSHOT)) {
            for (Path home : projectFolders()) {
                all.add(home.resolve(relative).toAbsolutePath().normalize());
            }
        }
        return all;
    }

    private static Set<Path> projectFolders() {
        Set<Path> homes = new LinkedHashSet<>();
        String property = System.getProperty("eg3d.home");
        if (property != null) homes.add(Path.of(property));
        String env = System.getenv("EG3D_HOME");
        if (env != null && !env.isBlank()) homes.add(Path.of(env));
        homes.add(Path.of("."));
        homes.add(Path.of(".."));
        return homes;
    }

    /**
     * Loads {@link #locateDefaultModel()}; when there is none, a freshly initialised {@code nano}
     * preset (seed 0), which is untrained and draws noise: {@link #isTrained()} says which.
     */
    public static Eg3d loadDefault() {
        Path file = locateDefaultModel();
        if (file != null) {
            return load(file);
        }
        Eg3d untrained = preset("nano", 0);
        System.err.println("eg3d: no model found (looked for " + defaultModelCandidates() + "); using an UNTRAINED nano preset, "
                + "so images are noise. Set " + MODEL_ENV + " or see models/README.md");
        return untrained;
    }

    /** Loads an official {@code .pkl} snapshot or a native checkpoint; generates with its G_ema. */
    public static Eg3d load(Path networkFile) {
        NDManager manager = NDManager.newBaseManager();
        try {
            Network net = NetworkFile.load(networkFile, manager);
            return new Eg3d(manager, net.generatorEma(), net, networkFile.toString());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A freshly initialised generator of a preset ({@code nano}, {@code ffhq512-128}, …): noise until trained. */
    public static Eg3d preset(String name, long seed) {
        NDManager manager = NDManager.newBaseManager();
        GeneratorConfig config = Presets.get(name).generator();
        return new Eg3d(manager, new TriPlaneGenerator(config, Params.initialize(manager.newSubManager(), seed)), null,
                "untrained " + name + " preset (seed " + seed + ")");
    }

    /** Wraps a generator the caller built; closing this leaves the generator open. */
    public static Eg3d of(TriPlaneGenerator generator) {
        return new Eg3d(NDManager.newBaseManager(), generator, null, "a generator built in code");
    }

    /** Where the weights came from: the file, or which untrained preset. */
    public String getSource() {
        return source;
    }

    /** False for a freshly initialised preset, whose images are noise. */
    public boolean isTrained() {
        return network != null;
    }

    public TriPlaneGenerator getGenerator() {
        return generator;
    }

    public GeneratorConfig getConfig() {
        return generator.getConfig();
    }

    /** The network file this came from, or null. */
    public @Nullable Network getNetwork() {
        return network;
    }

    /** Generates one image, raw image and depth map. */
    public Sample generate(GenerationSpec spec) {
        NDManager m = manager.newSubManager();
        try {
            NDArray z = m.create(NumpyRandomState.randn(spec.seed(), getConfig().zDim()), new Shape(1, getConfig().zDim()));
            NDArray cCond = m.create(conditioningCamera(spec).toArray(), new Shape(1, 25));
            NDArray c = m.create(camera(spec).toArray(), new Shape(1, 25));
            NDArray ws = generator.mapping(z, cCond, spec.truncationPsi(), spec.truncationCutoff());
            RenderSpec render = new RenderSpec(spec.neuralRenderingResolution(), spec.deterministic(), spec.noiseMode(),
                    RenderSpec.DEFAULT_CHUNK_RAYS);
            Generated out = generator.synthesis(ws, c, render);
            return new Sample(m, out, spec);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Generates with a spec built in place: {@code generate(s -> s.setSeed(3))}. */
    public Sample generate(Consumer<GenerationSpec.Builder> spec) {
        return generate(GenerationSpec.of(spec));
    }

    /** The rendering camera of a spec: yaw/pitch around the frontal view, looking at the model's pivot. */
    public CameraVector camera(GenerationSpec spec) {
        return LookAtPoseSampler.camera(Math.PI / 2 + spec.yaw(), Math.PI / 2 + spec.pitch(), getConfig().avgCameraPivot(),
                spec.radius() != null ? spec.radius() : getConfig().avgCameraRadius(), spec.fovDegrees());
    }

    /** The conditioning camera: the frontal view, as the official generation scripts use. */
    public CameraVector conditioningCamera(GenerationSpec spec) {
        return new CameraVector(LookAtPoseSampler.sample(Math.PI / 2, Math.PI / 2, getConfig().avgCameraPivot(),
                spec.radius() != null ? spec.radius() : getConfig().avgCameraRadius()), Intrinsics.fromFovDegrees(spec.fovDegrees()));
    }

    /** A 360° turntable of one seed at 24 fps (the backbone runs once). */
    public Video turntable(long seed, int frames) {
        return new VideoJob(VideoJob.Kind.TURNTABLE, 1, 1, null, frames, 0.7f, 14, VideoJob.Cfg.FFHQ, ImageMode.IMAGE, 1, null, 24,
                new double[4]).run(generator, List.of(seed), null, null, ProgressListener.none());
    }

    /** The density volume of a seed in world orientation (x slowest), ready for slices or marching cubes. */
    public DensityVolume volume(long seed, int resolution) {
        try (NDManager m = manager.newSubManager();
                TriPlanes planes = generator.planes(Latents.ws(generator, m, List.of(seed), 0.7f, 14,
                        Latents.conditioning(generator, Intrinsics.DEFAULT_FOV_DEGREES)), NoiseMode.CONST)) {
            return ShapeExport.worldVolume(generator, planes, resolution, ProgressListener.none());
        }
    }

    /** A coloured mesh of a seed: marching cubes at the official level 10, vertex colours from the generator. */
    public Mesh mesh(long seed, int resolution) {
        try (NDManager m = manager.newSubManager();
                TriPlanes planes = generator.planes(Latents.ws(generator, m, List.of(seed), 0.7f, 14,
                        Latents.conditioning(generator, Intrinsics.DEFAULT_FOV_DEGREES)), NoiseMode.CONST)) {
            DensityVolume world = ShapeExport.worldVolume(generator, planes, resolution, ProgressListener.none());
            return ShapeExport.mesh(generator, planes, world, DensityVolume.DEFAULT_LEVEL);
        }
    }

    @Override
    public String toString() {
        GeneratorConfig c = getConfig();
        return "Eg3d(" + source + ", " + c.imgResolution() + "² images, " + c.neuralRenderingResolution() + "² rays)";
    }

    @Override
    public void close() {
        if (network != null) {
            network.close();
        }
        manager.close();
    }
}
