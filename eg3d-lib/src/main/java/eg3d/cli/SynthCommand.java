package eg3d.cli;

import eg3d.data.synth.SceneFamily;
import eg3d.data.synth.Synthesizer;
import eg3d.progress.ConsoleProgress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./eg3d synth}: a synthetic multi-view dataset with ground-truth depth and parameters. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Render a synthetic multi-view dataset in the EG3D format, with depth maps and object parameters.",
            "Example: ./eg3d synth --scene heads --count 10000 --resolution 64 --dest heads64.zip"})
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--scene", required = true, paramLabel = "heads|cars", description = "Object family.")
    String scene;

    @Option(names = "--count", required = true, paramLabel = "N", description = "Number of images.")
    int count;

    @Option(names = "--resolution", defaultValue = "64", paramLabel = "R", description = "Image size in pixels (default: ${DEFAULT-VALUE}).")
    int resolution;

    @Option(names = "--dest", required = true, paramLabel = "PATH", description = "Output .zip or folder; must not exist.")
    Path dest;

    @Option(names = "--seed", defaultValue = "0", description = "Dataset seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Rendering threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        Synthesizer.Spec spec = new Synthesizer.Spec(SceneFamily.parse(scene), count, resolution, seed, threads);
        long start = System.nanoTime();
        Synthesizer.write(spec, dest, new ConsoleProgress(System.err));
        System.out.printf("synth: %d %s images at %d² written to %s in %.1f s on %d threads%n",
                count, scene, resolution, dest, (System.nanoTime() - start) / 1e9, threads);
        return 0;
    }
}
