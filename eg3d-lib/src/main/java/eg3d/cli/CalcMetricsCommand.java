package eg3d.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import eg3d.io.Network;
import eg3d.io.NetworkFile;
import eg3d.metrics.FeatureDetector;
import eg3d.metrics.ImageSet;
import eg3d.metrics.MetricResult;
import eg3d.metrics.MetricSpec;
import eg3d.metrics.Metrics;
import eg3d.metrics.StatsCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./eg3d calc-metrics}: the official calc_metrics.py, reproducible, with provenance. */
@Command(name = "calc_metrics", aliases = "calc-metrics", mixinStandardHelpOptions = true,
        description = {"Compute metrics of a network snapshot against its dataset, as the official calc_metrics.py.",
            "Each metric appends one JSON line to metric-<name>.jsonl next to the snapshot (or in --out-dir),",
            "with the seeds, sample counts, detector hash and code version; --print writes to stdout only.",
            "Example: ./eg3d calc-metrics --network snap.pkl --metrics fid50k_full,kid50k_full --data ffhq.zip --mirror 1"})
final class CalcMetricsCommand implements Callable<Integer> {
    @Option(names = "--network", required = true, paramLabel = "FILE", description = "official .pkl or native checkpoint")
    Path network;

    @Option(names = "--metrics", defaultValue = "fid50k_full", split = ",",
            description = "comma-separated metric names, e.g. fid50k_full,kid50k_full,pr50k3_full,fid2k (default: ${DEFAULT-VALUE})")
    List<String> metrics;

    @Option(names = "--data", paramLabel = "PATH",
            description = "dataset zip or folder with dataset.json (default: the path recorded in the snapshot)")
    @Nullable Path data;

    // A String, not a Boolean: picocli takes an optional value of a boolean option only when it is
    // spelled true/false, and the official command lines write --mirror=1.
    @Option(names = "--mirror", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "add x-flipped dataset images: 1/0, true/false, yes/no (default: what the snapshot trained with, else false)")
    @Nullable String mirror;

    @Option(names = "--detector", paramLabel = "FILE", description = "TorchScript feature detector (default: built-in, "
            + "not comparable with published numbers)")
    @Nullable Path detector;

    @Option(names = "--seed", defaultValue = "0", description = "the seed every random choice derives from (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--batch", defaultValue = "4", description = "images per batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--trunc", defaultValue = "1", description = "truncation psi of generated samples (default: ${DEFAULT-VALUE})")
    float truncationPsi;

    @Option(names = {"--cache-dir", "--cache_dir"}, paramLabel = "DIR",
            description = "dataset statistics cache (default: $EG3D_CACHE/metrics or ~/.cache/eg3d/metrics)")
    @Nullable Path cacheDir;

    @Option(names = {"--out-dir", "--out_dir"}, paramLabel = "DIR", description = "where metric-<name>.jsonl goes (default: the snapshot's folder)")
    @Nullable Path outDir;

    @Option(names = "--print", description = "print the JSON lines to stdout and write no file")
    boolean print;

    @Override
    public Integer call() {
        List<MetricSpec> specs = new ArrayList<>();
        for (String name : metrics) {
            specs.add(MetricSpec.parse(name.trim()));
        }
        try (NDManager manager = NDManager.newBaseManager(); Network net = NetworkFile.load(network, manager)) {
            JsonNode trainingSet = net.metadata().path("training_set_kwargs");
            Path dataPath = data != null ? data : trainingSet.hasNonNull("path") ? Path.of(trainingSet.get("path").asText()) : null;
            if (dataPath == null) {
                throw new IllegalArgumentException("--data: not given and " + network + " records no training_set_kwargs.path; "
                        + "pass the dataset zip");
            }
            boolean flip = mirror != null ? new ClickBoolean().convert(mirror) : trainingSet.path("xflip").asBoolean(false);
            Metrics.Options options = new Metrics.Options(seed, flip, batch, truncationPsi);
            StatsCache cache = new StatsCache(cacheDir != null ? cacheDir : StatsCache.defaultDir());
            try (FeatureDetector det = FeatureDetector.open(detector); ImageSet dataset = ImageSet.open(dataPath)) {
                for (MetricSpec spec : specs) {
                    MetricResult result = Metrics.compute(spec, net.generatorEma(), dataset, det, cache, options,
                            network.getFileName().toString());
                    String line = result.toJsonLine();
                    System.out.println(line);
                    if (!print) {
                        append(outputDir().resolve("metric-" + spec.name() + ".jsonl"), line);
                    }
                }
            }
        }
        return 0;
    }

    private Path outputDir() {
        if (outDir != null) {
            return outDir;
        }
        Path parent = network.toAbsolutePath().getParent();
        return parent != null ? parent : Path.of(".");
    }

    private static void append(Path file, String line) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file + " (" + e.getMessage()
                    + "); pass --out-dir DIR or --print", e);
        }
    }

    /** click's boolean spellings: true/false, 1/0, yes/no, y/n, on/off, any case. */
    static final class ClickBoolean {
        Boolean convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "y", "on", "t" -> true;
                case "false", "0", "no", "n", "off", "f" -> false;
                default -> throw new IllegalArgumentException("--mirror: '" + value + "' is not a boolean; use 1/0, true/false or yes/no");
            };
        }
    }
}
