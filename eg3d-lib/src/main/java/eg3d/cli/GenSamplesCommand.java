package eg3d.cli;

import ai.djl.ndarray.NDManager;
import eg3d.gen.SampleJob;
import eg3d.gen.Seeds;
import eg3d.io.Network;
import eg3d.io.NetworkFile;
import eg3d.nn.NoiseMode;
import eg3d.progress.ConsoleProgress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./eg3d gen-samples}: images and shapes from seeds, as the official gen_samples.py. */
@Command(name = "gen-samples", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate the official three-view strip per seed, and optionally shapes (MRC as the official",
            "export, or coloured PLY/OBJ/STL meshes). Official option spellings work too (--trunc_cutoff, --fov_deg, …).",
            "Example: ./eg3d gen-samples --network model.pkl --seeds 0-3 --trunc 0.7 --shapes --outdir out"})
final class GenSamplesCommand implements Callable<Integer> {
    @Option(names = "--network", required = true, paramLabel = "FILE", description = "official .pkl or native checkpoint")
    Path network;

    @Option(names = "--seeds", required = true, description = "seeds, e.g. 0-3,7")
    String seeds;

    @Option(names = "--trunc", defaultValue = "1", description = "truncation ψ (default ${DEFAULT-VALUE})")
    float trunc;

    @Option(names = {"--trunc-cutoff", "--trunc_cutoff"}, defaultValue = "14", description = "truncation cutoff (default ${DEFAULT-VALUE})")
    int truncCutoff;

    @Option(names = {"--fov-deg", "--fov_deg"}, defaultValue = "18.837",
            description = "field of view in degrees (default ${DEFAULT-VALUE}; the official script truncates its default to 18)")
    double fovDeg;

    @Option(names = "--shapes", arity = "0..1", fallbackValue = "true", defaultValue = "false", description = "also export shapes")
    boolean shapes;

    @Option(names = {"--shape-res", "--shape_res"}, defaultValue = "512", description = "shape grid resolution (default ${DEFAULT-VALUE})")
    int shapeRes;

    @Option(names = {"--shape-format", "--shape_format"}, defaultValue = ".mrc", description = ".mrc (official), .ply, .obj or .stl")
    String shapeFormat;

    @Option(names = {"--shape-level", "--shape_level"}, defaultValue = "10", description = "marching-cubes level for meshes (default ${DEFAULT-VALUE})")
    float shapeLevel;

    @Option(names = "--save-raw", description = "also write the raw (neural rendering) images")
    boolean saveRaw;

    @Option(names = "--save-depth", description = "also write the depth images")
    boolean saveDepth;

    @Option(names = {"--noise-mode", "--noise_mode"}, defaultValue = "const", description = "backbone noise: const (reproducible) or random")
    String noiseMode;

    @Option(names = "--outdir", required = true, paramLabel = "DIR")
    Path outdir;

    @Option(names = {"--reload_modules", "--reload-modules"}, arity = "0..1", hidden = true,
            description = "accepted for compatibility; networks are always rebuilt from their recorded config")
    boolean reloadModules;

    @Override
    public Integer call() {
        String format = shapeFormat.startsWith(".") ? shapeFormat : "." + shapeFormat;
        SampleJob job = new SampleJob(trunc, truncCutoff, fovDeg, saveRaw, saveDepth, shapes, shapeRes, format, shapeLevel,
                NoiseMode.parse(noiseMode));
        try (NDManager manager = NDManager.newBaseManager(); Network net = NetworkFile.load(network, manager)) {
            job.run(net.generatorEma(), Seeds.parse(seeds), outdir, new ConsoleProgress());
        }
        return 0;
    }
}
