package eg3d.cli;

import eg3d.metrics.FeatureDetector;
import eg3d.metrics.FrechetDistance;
import eg3d.metrics.ImageSet;
import eg3d.metrics.KernelDistance;
import eg3d.metrics.RandomConvDetector;
import eg3d.metrics.StatsCache;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./eg3d fid PATH1 PATH2}: FID (and KID) between two image folders or dataset zips. */
@Command(name = "fid", mixinStandardHelpOptions = true,
        description = {"FID between two image folders or dataset zips, as pytorch-fid's command line computes it.",
            "Prints 'FID: <value>' (and 'KID: <value>' with --kid) on stdout. Statistics of each path are cached.",
            "Without --detector the built-in random-conv detector is used: reproducible, but not comparable",
            "with published FID (see the eg3d.metrics package documentation for the Inception TorchScript).",
            "Example: ./eg3d fid real.zip fakes/ --detector inception-fid.pt --kid"})
final class FidCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH1", description = "image folder or dataset .zip")
    Path first;

    @Parameters(index = "1", paramLabel = "PATH2", description = "image folder or dataset .zip")
    Path second;

    @Option(names = "--detector", paramLabel = "FILE", description = "TorchScript feature detector (default: built-in)")
    @Nullable Path detector;

    @Option(names = "--kid", description = "also report KID (100 subsets of at most 1000, as the official metric)")
    boolean kid;

    @Option(names = "--batch", defaultValue = "16", description = "images per detector batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the KID subsets (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"--cache-dir", "--cache_dir"}, paramLabel = "DIR",
            description = "statistics cache (default: $EG3D_CACHE/metrics or ~/.cache/eg3d/metrics)")
    @Nullable Path cacheDir;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        StatsCache cache = new StatsCache(cacheDir != null ? cacheDir : StatsCache.defaultDir());
        try (FeatureDetector det = FeatureDetector.open(detector); ImageSet a = ImageSet.open(first);
                ImageSet b = ImageSet.open(second)) {
            if (det instanceof RandomConvDetector) {
                System.err.println("eg3d fid: built-in detector " + det.getName() + "; values are not comparable with published FID");
            }
            StatsCache.Lookup sa = cache.datasetStats(a, det, null, false, kid, batch);
            StatsCache.Lookup sb = cache.datasetStats(b, det, null, false, kid, batch);
            out.println("FID: " + FrechetDistance.compute(sa.stats(), sb.stats()));
            if (kid) {
                out.println("KID: " + KernelDistance.compute(sa.stats().getAll(), sb.stats().getAll(), seed));
            }
        }
        return 0;
    }
}
