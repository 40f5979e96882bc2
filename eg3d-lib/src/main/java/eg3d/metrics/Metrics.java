package eg3d.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eg3d.model.TriPlaneGenerator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes a metric of a generator against a dataset: cached dataset statistics, generated
 * statistics from recorded seeds, then FID, KID or precision/recall. {@code ./eg3d calc-metrics}
 * and the training loop's periodic metrics both call {@link #compute}, so their numbers agree.
 */
public final class Metrics {
    /** Recorded in every result; bump {@link #METRICS_VERSION} when a metric's definition changes. */
    public static final String CODE_VERSION = "eg3d-lib 0.1.0";
    public static final int METRICS_VERSION = 1;

    private Metrics() {}

    /**
     * Run options.
     *
     * @param seed          the one seed every random choice derives from (see {@link GeneratorFeatures})
     * @param mirror        add left-right flipped dataset images, as training with --mirror saw them
     * @param batchSize     images per detector (and generator) batch
     * @param truncationPsi truncation of generated samples; 1 (none) is the official setting
     */
    public record Options(long seed, boolean mirror, int batchSize, float truncationPsi) {
        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch: must be at least 1, got " + batchSize);
            }
        }

        public static Options defaults() {
            return new Options(0, false, 8, 1f);
        }
    }

    public static MetricResult compute(MetricSpec spec, TriPlaneGenerator generator, ImageSet dataset,
            FeatureDetector detector, StatsCache cache, Options options, String snapshot) {
        long started = System.nanoTime();
        boolean all = spec.needsAllFeatures();
        StatsCache.Lookup real = cache.datasetStats(dataset, detector, spec.maxReal(), options.mirror(), all,
                options.batchSize());
        FeatureStats gen = GeneratorFeatures.compute(generator, dataset, detector, spec.numGen(), options.seed(),
                options.batchSize(), options.truncationPsi(), options.mirror(), all);
        Map<String, Double> results = new LinkedHashMap<>();
        ObjectNode provenance = provenance(detector, options);
        switch (spec.kind()) {
            case FID -> results.put(spec.name(), FrechetDistance.compute(real.stats(), gen));
            case KID -> {
                long kidSeed = options.seed();
                results.put(spec.name(), KernelDistance.compute(real.stats().getAll(), gen.getAll(), kidSeed));
                provenance.putObject("kid").put("num_subsets", KernelDistance.NUM_SUBSETS)
                        .put("max_subset_size", KernelDistance.MAX_SUBSET_SIZE).put("subset_seed", kidSeed);
            }
            case PR -> {
                PrecisionRecall.Result pr = PrecisionRecall.compute(real.stats().getAll(), gen.getAll(), spec.nhoodSize());
                results.put(spec.name() + "_precision", pr.precision());
                results.put(spec.name() + "_recall", pr.recall());
                provenance.put("nhood_size", spec.nhoodSize());
            }
        }
        ObjectNode data = provenance.putObject("dataset");
        data.put("path", dataset.getPath().toString());
        data.put("content_hash", dataset.getContentHash());
        data.put("num_real", real.stats().getCount());
        data.put("mirror", options.mirror());
        data.put("stats_key", real.key());
        data.put("stats_cache_hit", real.hit());
        ObjectNode g = provenance.putObject("generated");
        g.put("num_gen", gen.getCount());
        g.put("z_seeds", "seed + i for i in [0, " + spec.numGen() + "): " + options.seed() + ".." + (options.seed() + spec.numGen() - 1));
        g.put("z_rule", "numpy RandomState(seed + i).randn(z_dim), as gen-samples --seeds");
        g.put("camera_seed", options.seed());
        g.put("camera_rule", "label of dataset item SplittableRandom(camera_seed).nextInt(items), i-th draw; "
                + "with mirror, items n..2n-1 are the mirrored cameras");
        g.put("render_seeds", "engine seed = seed + batch index, batch size " + options.batchSize());
        g.put("truncation_psi", options.truncationPsi());
        double seconds = (System.nanoTime() - started) / 1e9;
        return new MetricResult(spec.name(), results, provenance, seconds, snapshot, System.currentTimeMillis() / 1000.0);
    }

    /** Provenance fields shared by every metric: code and detector. */
    static ObjectNode provenance(FeatureDetector detector, Options options) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("code_version", CODE_VERSION);
        p.put("metrics_version", METRICS_VERSION);
        p.put("detector", detector.getName());
        p.put("detector_hash", detector.getHash());
        p.put("seed", options.seed());
        p.put("batch_size", options.batchSize());
        return p;
    }
}
