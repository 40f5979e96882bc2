package eg3d.cli;

import ai.djl.ndarray.NDManager;
import eg3d.gen.ImageMode;
import eg3d.gen.SampleJob;
import eg3d.gen.Seeds;
import eg3d.gen.VideoJob;
import eg3d.io.Network;
import eg3d.io.NetworkFile;
import eg3d.media.Images;
import eg3d.nn.NoiseMode;
import eg3d.progress.ConsoleProgress;
import eg3d.progress.ProgressListener;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./eg3d quickstart}: the main job. From a model (the shipped one by default) it writes an
 * image grid, a turntable video, the density volume (MRC) and a coloured mesh (PLY) under
 * {@code out/quickstart/}. The launcher then executes the quickstart notebook into an HTML report
 * when Jupyter is available.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate images, a turntable video and a shape from the shipped model on CPU into out/quickstart/.",
            "Example: ./eg3d quickstart   (or --network FILE to use another model)"})
final class QuickstartCommand implements Callable<Integer> {
    @Option(names = "--network", paramLabel = "FILE", description = "model to use (default: the shipped model, see models/README.md)")
    Path network;

    @Option(names = "--outdir", defaultValue = "out/quickstart", paramLabel = "DIR")
    Path outdir;

    @Option(names = "--seeds", defaultValue = "0-3")
    String seeds;

    @Option(names = "--frames", defaultValue = "48", description = "turntable frames (default ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--shape-res", defaultValue = "96", description = "shape grid resolution (default ${DEFAULT-VALUE})")
    int shapeRes;

    @Override
    public Integer call() throws Exception {
        Path model = network != null ? network : ShippedModel.locate();
        Files.createDirectories(outdir);
        List<Long> seedList = Seeds.parse(seeds);
        ConsoleProgress progress = new ConsoleProgress();
        try (NDManager manager = NDManager.newBaseManager(); Network net = NetworkFile.load(model, manager)) {
            System.out.println("quickstart: model " + model);
            Path samples = outdir.resolve("samples");
            SampleJob strips = new SampleJob(0.7f, 14, 18.837, true, true, false, 2, ".mrc", 10f, NoiseMode.CONST);
            List<BufferedImage> rows = new ArrayList<>();
            for (SampleJob.Result r : strips.run(net.generatorEma(), seedList, samples, progress)) {
                rows.add(r.strip());
            }
            Images.writePng(Images.grid(rows, 1), outdir.resolve("grid.png"));
            long first = seedList.get(0);
            new VideoJob(VideoJob.Kind.TURNTABLE, 1, 1, null, frames, 0.7f, 14, VideoJob.Cfg.FFHQ, ImageMode.IMAGE, 1, null, 24,
                    new double[4]).run(net.generatorEma(), List.of(first), null, outdir.resolve("turntable.mp4"), progress);
            new SampleJob(0.7f, 14, 18.837, false, false, true, shapeRes, ".mrc", 10f, NoiseMode.CONST)
                    .run(net.generatorEma(), List.of(first), outdir.resolve("shape-mrc"), ProgressListener.none());
            new SampleJob(0.7f, 14, 18.837, false, false, true, shapeRes, ".ply", 10f, NoiseMode.CONST)
                    .run(net.generatorEma(), List.of(first), outdir.resolve("shape-ply"), ProgressListener.none());
            String name = String.format("seed%04d", first);
            Files.move(outdir.resolve("shape-mrc").resolve(name + ".mrc"), outdir.resolve("shape.mrc"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(outdir.resolve("shape-ply").resolve(name + ".ply"), outdir.resolve("shape.ply"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            deleteTree(outdir.resolve("shape-mrc"));
            deleteTree(outdir.resolve("shape-ply"));
        }
        System.out.println("quickstart: wrote grid.png, turntable.mp4, shape.mrc, shape.ply and samples/ in " + outdir);
        return 0;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
